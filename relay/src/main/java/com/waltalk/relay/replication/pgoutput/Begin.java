package com.waltalk.relay.replication.pgoutput;

/**
 * {@code 'B'}: start of a transaction. Sent lazily by {@code pgoutput}, just before the first
 * published change (or transactional logical message) of the transaction; transactions without
 * published changes produce neither Begin nor Commit.
 *
 * @param finalLsn LSN of the transaction's commit record; equals {@link Commit#commitLsn()} of
 *     the matching Commit
 * @param commitTimeMicros commit timestamp in microseconds since the Unix epoch (converted from
 *     PostgreSQL's 2000-01-01 epoch)
 * @param xid transaction id (an unsigned 32-bit value held in a long)
 */
public record Begin(long finalLsn, long commitTimeMicros, long xid) implements PgOutputMessage {
}
