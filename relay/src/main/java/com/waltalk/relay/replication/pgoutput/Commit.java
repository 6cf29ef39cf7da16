package com.waltalk.relay.replication.pgoutput;

/**
 * {@code 'C'}: end of a transaction.
 *
 * @param flags currently always 0
 * @param commitLsn LSN of the commit record (equals the matching {@link Begin#finalLsn()})
 * @param endLsn end LSN of the transaction; this is the position to confirm as flushed once
 *     the transaction has been processed
 * @param commitTimeMicros commit timestamp in microseconds since the Unix epoch
 */
public record Commit(int flags, long commitLsn, long endLsn, long commitTimeMicros) implements PgOutputMessage {
}
