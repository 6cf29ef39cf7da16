package com.waltalk.relay.replication.pgoutput;

import java.util.Objects;

/**
 * {@code 'D'}: a row of {@code relation} was deleted.
 *
 * <p>With {@code REPLICA IDENTITY DEFAULT}/{@code USING INDEX} the old tuple is a key tuple
 * ({@code 'K'}: key columns carry values, all other columns are NULL); with {@code FULL} it is
 * the whole old row ({@code 'O'}). Tables with {@code REPLICA IDENTITY NOTHING} (or without a
 * primary key) cannot publish deletes.
 *
 * @param relation the relation
 * @param oldTuple the old key or old row
 * @param oldKind {@code 'K'} or {@code 'O'}
 */
public record Delete(Relation relation, TupleData oldTuple, char oldKind) implements PgOutputMessage {
    /**
     * Validates the components.
     *
     * @param relation see {@link #relation()}
     * @param oldTuple see {@link #oldTuple()}
     * @param oldKind see {@link #oldKind()}
     */
    public Delete {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(oldTuple, "oldTuple");
        if (oldKind != 'K' && oldKind != 'O') {
            throw new IllegalArgumentException("oldKind must be 'K' or 'O' but was " + (int) oldKind);
        }
    }
}
