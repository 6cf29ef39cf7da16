package com.waltalk.relay.replication.pgoutput;

import java.util.Objects;

/**
 * {@code 'I'}: a row inserted into {@code relation}.
 *
 * @param relation the relation as described by the most recent {@link Relation} message for its
 *     OID at the time this message was decoded
 * @param newTuple the new row; a view over the message buffer (see {@link TupleData})
 */
public record Insert(Relation relation, TupleData newTuple) implements PgOutputMessage {
    /**
     * Validates that both components are present.
     *
     * @param relation see {@link #relation()}
     * @param newTuple see {@link #newTuple()}
     */
    public Insert {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(newTuple, "newTuple");
    }
}
