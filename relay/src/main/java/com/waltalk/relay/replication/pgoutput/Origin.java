package com.waltalk.relay.replication.pgoutput;

import java.util.Objects;

/**
 * {@code 'O'}: replication origin of the current transaction; sent right after {@link Begin} for
 * transactions that were themselves replicated from an origin.
 *
 * @param commitLsn commit LSN of the transaction on the origin server
 * @param name origin name
 */
public record Origin(long commitLsn, String name) implements PgOutputMessage {
    /**
     * Validates that {@code name} is not null.
     *
     * @param commitLsn see {@link #commitLsn()}
     * @param name see {@link #name()}
     */
    public Origin {
        Objects.requireNonNull(name, "name");
    }
}
