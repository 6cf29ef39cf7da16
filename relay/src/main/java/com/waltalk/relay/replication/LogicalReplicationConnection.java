package com.waltalk.relay.replication;

import com.waltalk.relay.db.DatabaseEndpoint;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * Transport: one walsender connection streaming {@code pgoutput} in binary mode from a slot.
 * Knows nothing about what the messages mean.
 *
 * <p>{@link #read()} must be called from a single thread. {@link #acknowledge} and
 * {@link #lastReceivedLsn} may be called from another thread: pgjdbc keeps those positions in
 * volatile fields and reports them with its next status update.
 */
public final class LogicalReplicationConnection implements AutoCloseable {

    private final Connection connection;
    private final PGReplicationStream stream;

    private LogicalReplicationConnection(Connection connection, PGReplicationStream stream) {
        this.connection = connection;
        this.stream = stream;
    }

    public static LogicalReplicationConnection open(DatabaseEndpoint endpoint, String slot, List<String> publications)
            throws SQLException {
        Connection c = endpoint.openReplication("waltalk-replication");
        try {
            PGReplicationStream s = c.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream()
                    .logical()
                    .withSlotName(slot)
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", String.join(",", publications))
                    // bytea arrives as raw bytes instead of hex text: half the bytes, no parsing
                    .withSlotOption("binary", "true")
                    .withStatusInterval(1, TimeUnit.SECONDS)
                    .start();
            return new LogicalReplicationConnection(c, s);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Blocks until the next pgoutput message arrives. */
    public ByteBuffer read() throws SQLException {
        return stream.read();
    }

    /** The end of the WAL the server has told us about, including keepalives. */
    public long lastReceivedLsn() {
        return stream.getLastReceiveLSN().asLong();
    }

    /** Everything up to {@code lsn} has been handled: the server may recycle that WAL. */
    public void acknowledge(long lsn) {
        LogSequenceNumber l = LogSequenceNumber.valueOf(lsn);
        stream.setAppliedLSN(l);
        stream.setFlushedLSN(l);
    }

    /**
     * Drops the connection at once, from any thread. Unlike {@link #close()}, this does not wait for
     * the lock that a thread blocked in {@link #read()} holds; that thread's read fails instead.
     */
    public void abort() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (SQLException ignored) {
            // the connection may already be gone
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // idem
        }
    }
}
