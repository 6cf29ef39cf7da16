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
 * <p>{@link #readPending()}, {@link #reportNow()} and {@link #close()} must be called from a single thread (they
 * take the connection's lock). {@link #acknowledge}, {@link #lastReceivedLsn} and {@link #hasEnded} may be called
 * from any thread: pgjdbc keeps those positions in volatile fields and reports them with its next status update.
 * {@link #abort()} may be called from any thread.
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

    /**
     * The next pgoutput message, or null if none arrived within about a millisecond. Never blocks longer than that
     * between messages (a message that has begun to arrive is read whole), so the caller's loop keeps turning, and
     * each call sends the status updates that are due: the answer to a keepalive that asked for one, at once, and
     * the periodic one every status interval.
     *
     * <p>Why not pgjdbc's blocking {@code read()}: after a keepalive that asks for a reply it goes back to waiting for
     * the next message before it replies. At a fast shutdown the walsender sends such a keepalive and then nothing
     * more until it is answered, so the answer never comes and the server's shutdown waits until
     * {@code wal_sender_timeout} ends the connection (docs/OPERATIONS.md, 12.5). {@code readPending()} waits for data
     * with a 1 ms socket timeout (pgjdbc's replication protocol turns off its once-a-second limit on such peeks),
     * which works through TLS too.
     */
    public ByteBuffer readPending() throws SQLException {
        return stream.readPending();
    }

    /**
     * True once the server has ended the stream: at a shutdown the walsender, once everything it sent is
     * confirmed, completes the COPY and exits. No more messages will come; close this connection and open another.
     */
    public boolean hasEnded() {
        return stream.isClosed();
    }

    /**
     * Sends a status update now with the positions {@link #acknowledge} set, instead of at the next status interval:
     * a server waiting to shut down learns at once that everything it sent has been handled. Same thread as
     * {@link #readPending()}.
     */
    public void reportNow() throws SQLException {
        stream.forceUpdateStatus();
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
     * the lock that a thread in {@link #readPending()} holds; that thread's read fails instead.
     */
    public void abort() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // already gone
        }
    }

    /**
     * Ends the connection without waiting for the server. A stream the server has ended is closed in order; one
     * still open (the read failed, or the caller is stopping) is dropped as {@link #abort()} does, because pgjdbc's
     * orderly end of a COPY waits for the server's answer without a time limit, and a server that is gone or wedged
     * would hold the calling thread. The walsender sees the connection close and exits.
     */
    @Override
    public void close() {
        if (!stream.isClosed()) {
            abort();
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection may already be gone
        }
    }
}
