package com.waltalk.relay.replication.pgoutput;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code 'M'}: a message written with {@code pg_logical_emit_message()}; only sent when the
 * stream was started with the {@code messages 'true'} option. Transactional messages are
 * delivered between the {@link Begin} and {@link Commit} of their transaction, non-transactional
 * ones on their own, outside any transaction.
 *
 * <p>The content array is a fresh copy made by the decoder and owned by this record; it is
 * exposed as-is (not copied again) by {@link #content()}. {@link #equals}/{@link #hashCode}
 * compare contents.
 *
 * @param transactional whether the message was emitted as transactional
 * @param lsn LSN of the message
 * @param prefix the prefix given to {@code pg_logical_emit_message}
 * @param content the message payload
 */
public record LogicalMessage(boolean transactional, long lsn, String prefix, byte[] content)
        implements PgOutputMessage {

    /**
     * Validates that prefix and content are present.
     *
     * @param transactional see {@link #transactional()}
     * @param lsn see {@link #lsn()}
     * @param prefix see {@link #prefix()}
     * @param content see {@link #content()}
     */
    public LogicalMessage {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogicalMessage m
                && m.transactional == transactional
                && m.lsn == lsn
                && m.prefix.equals(prefix)
                && Arrays.equals(m.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactional, lsn, prefix) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "LogicalMessage[transactional=" + transactional + ", lsn=" + lsn + ", prefix=" + prefix
                + ", content=" + content.length + " bytes]";
    }
}
