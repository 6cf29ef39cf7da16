package com.waltalk.relay.replication.pgoutput;

import java.util.Objects;

/**
 * {@code 'U'}: a row of {@code relation} was updated.
 *
 * <p>Whether an old tuple is present depends on the table's {@code REPLICA IDENTITY}:
 * <ul>
 *   <li>{@code DEFAULT}/{@code USING INDEX}: only when a replica identity (key) column changed
 *       (or, for key columns stored out of line, when they were toasted); {@code oldKind == 'K'}
 *       and only key columns carry values, the others are sent as NULL;</li>
 *   <li>{@code FULL}: always, {@code oldKind == 'O'}, with the complete old row;</li>
 *   <li>{@code NOTHING}: never.</li>
 * </ul>
 * Columns of the new tuple whose TOASTed value did not change are sent as {@link
 * ColumnFormat#UNCHANGED_TOAST} (no value).
 *
 * @param relation the relation
 * @param oldTuple the old key ('K') or old row ('O'), or {@code null} if absent
 * @param oldKind {@code 'K'}, {@code 'O'}, or {@code 0} when {@code oldTuple} is null
 * @param newTuple the new row
 */
public record Update(Relation relation, TupleData oldTuple, char oldKind, TupleData newTuple)
        implements PgOutputMessage {
    /**
     * Validates that {@code oldKind} agrees with the presence of {@code oldTuple}.
     *
     * @param relation see {@link #relation()}
     * @param oldTuple see {@link #oldTuple()}
     * @param oldKind see {@link #oldKind()}
     * @param newTuple see {@link #newTuple()}
     */
    public Update {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(newTuple, "newTuple");
        if (oldTuple == null ? oldKind != 0 : (oldKind != 'K' && oldKind != 'O')) {
            throw new IllegalArgumentException("oldKind " + (int) oldKind + " inconsistent with oldTuple");
        }
    }

    @Override
    public String toString() {
        return "Update[relation=" + relation + ", oldKind=" + (oldKind == 0 ? "none" : String.valueOf(oldKind))
                + ", oldTuple=" + oldTuple + ", newTuple=" + newTuple + "]";
    }
}
