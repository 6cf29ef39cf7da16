package com.waltalk.relay.replication;

import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.replication.pgoutput.Begin;
import com.waltalk.relay.replication.pgoutput.Commit;
import com.waltalk.relay.replication.pgoutput.Delete;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.relay.replication.pgoutput.PgOutputDecoder;
import com.waltalk.relay.replication.pgoutput.PgOutputException;
import com.waltalk.relay.replication.pgoutput.PgOutputMessage;
import com.waltalk.relay.replication.pgoutput.Update;
import com.waltalk.runtime.Threads;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event source: keeps one logical replication stream open (reconnecting with backoff when the
 * database goes away), decodes it, hands row changes to a {@link ChangeHandler} in commit order,
 * and acknowledges each commit as soon as it has been handed off, so the slot never pins WAL while
 * the relay runs. Whenever nothing is waiting to be read outside a transaction it also acknowledges the
 * position of the server's keepalives, and tells the server at once: WAL written by unrelated activity does
 * not pile up behind the slot, and a server that is shutting down (which waits until its walsenders' clients
 * have confirmed everything sent) learns within milliseconds that it may go. When the server ends the stream
 * (at a shutdown) or the connection fails, the service closes it and reconnects with backoff.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} from any thread; the stream is read, the handler runs
 * and positions are acknowledged on the service's own thread.
 */
public final class ReplicationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicationService.class);

    private final DatabaseEndpoint endpoint;
    private final String slotName;
    private final List<String> publications;
    private final ChangeHandler handler;
    private final Thread thread;
    private final CountDownLatch firstConnect = new CountDownLatch(1);

    private volatile boolean running = true;
    private volatile LogicalReplicationConnection current;
    private volatile boolean connected;
    private volatile long handlingSinceNanos; // 0 while waiting for the next message
    private final AtomicLong rowsReceived = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong streamsOpened = new AtomicLong();
    private volatile long acknowledgedLsn;

    public ReplicationService(DatabaseEndpoint endpoint, String slotName, List<String> publications,
                              ChangeHandler handler) {
        this.endpoint = endpoint;
        this.slotName = slotName;
        this.publications = List.copyOf(publications);
        this.handler = handler;
        this.thread = Threads.daemon("replication-" + slotName, this::run);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the stream has been opened once; returns false on timeout. */
    public boolean awaitConnected(long timeout, TimeUnit unit) throws InterruptedException {
        return firstConnect.await(timeout, unit);
    }

    public boolean isConnected() {
        return connected;
    }

    /**
     * Whether the stream is connected and moving: its thread runs and no message has been in hand for longer
     * than {@code stallMillis} (a consumer stuck on one message stops every client's media and state). For
     * {@code /healthz}.
     */
    public boolean isAdvancing(long stallMillis) {
        long since = handlingSinceNanos;
        return connected && thread.isAlive()
                && (since == 0 || System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(stallMillis));
    }

    public long rowsReceived() {
        return rowsReceived.get();
    }

    public long transactions() {
        return transactions.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public long acknowledgedLsn() {
        return acknowledgedLsn;
    }

    public long decodeErrors() {
        return decodeErrors.get();
    }

    /** Times the stream was re-established after the first connection was lost. */
    public long reconnects() {
        return Math.max(0, streamsOpened.get() - 1);
    }

    private void run() {
        long backoffMs = 200;
        while (running) {
            LogicalReplicationConnection conn = null;
            try {
                long liveFrom = currentWalLsn();
                handler.onStreamOpening(liveFrom);
                conn = LogicalReplicationConnection.open(endpoint, slotName, publications);
                current = conn;
                connected = true;
                streamsOpened.incrementAndGet();
                firstConnect.countDown();
                if (backoffMs > 200) {
                    log.info("replication stream from slot {} re-established", slotName);
                }
                backoffMs = 200;
                try {
                    consume(conn, liveFrom);
                } finally {
                    conn.close();
                }
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                if (conn != null && conn.hasEnded()) {
                    // the server completed the COPY: a shutdown or restart, after we had confirmed everything
                    // (pgjdbc may then fail its next status write; that is part of the same, orderly end)
                    log.info("replication stream from slot {} ended by the server (shutting down?) — reconnecting"
                            + " in {} ms", slotName, backoffMs);
                } else {
                    log.warn("replication stream from slot {} lost: {} — retrying in {} ms", slotName,
                            e.getMessage(), backoffMs);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.error("replication stream from slot {} failed; retrying in {} ms", slotName, backoffMs, e);
            } finally {
                connected = false;
                current = null;
            }
            sleepQuietly(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    /** The current end of WAL: transactions committed before it are backlog when the stream opens. */
    private long currentWalLsn() throws SQLException {
        try (java.sql.Connection c = endpoint.open("waltalk-replication-probe");
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void consume(LogicalReplicationConnection conn, long liveFrom) throws SQLException {
        // A new decoder per connection: pgoutput resends Relation messages on every new stream.
        PgOutputDecoder decoder = new PgOutputDecoder();
        ChangeHandler.Transaction tx = null;
        long lastMessageNanos = System.nanoTime();
        while (running) {
            handlingSinceNanos = 0;
            ByteBuffer message = conn.readPending();
            if (message == null) {
                if (conn.hasEnded()) {
                    throw new SQLException("the server ended the stream");
                }
                if (tx == null) {
                    acknowledgeIdle(conn);
                }
                pauseIfIdle(lastMessageNanos);
                continue;
            }
            lastMessageNanos = System.nanoTime();
            handlingSinceNanos = System.nanoTime() | 1;
            bytesReceived.addAndGet(message.remaining());
            PgOutputMessage decoded;
            try {
                decoded = decoder.decode(message);
            } catch (PgOutputException e) {
                // Cannot happen with a well-behaved server; skip the message rather than stall every client.
                decodeErrors.incrementAndGet();
                log.error("undecodable pgoutput message skipped: {}", e.getMessage());
                continue;
            }
            if (decoded instanceof Begin b) {
                tx = new ChangeHandler.Transaction(b.xid(), b.finalLsn(), b.commitTimeMicros(),
                        b.finalLsn() < liveFrom);
            } else if (decoded instanceof Insert || decoded instanceof Update || decoded instanceof Delete) {
                rowsReceived.incrementAndGet();
                dispatch(decoded, tx);
            } else if (decoded instanceof Commit c) {
                transactions.incrementAndGet();
                if (tx != null) {
                    ChangeHandler.Transaction done = tx;
                    safely(() -> handler.onCommit(done), "commit");
                }
                conn.acknowledge(c.endLsn());
                acknowledgedLsn = c.endLsn();
                tx = null;
            }
        }
    }

    private void dispatch(PgOutputMessage change, ChangeHandler.Transaction tx) {
        if (tx == null) {
            decodeErrors.incrementAndGet();
            log.error("row change outside a transaction skipped");
            return;
        }
        if (change instanceof Insert i) {
            safely(() -> handler.onInsert(i, tx), i.relation().name());
        } else if (change instanceof Update u) {
            safely(() -> handler.onUpdate(u, tx), u.relation().name());
        } else if (change instanceof Delete d) {
            safely(() -> handler.onDelete(d, tx), d.relation().name());
        }
    }

    private static void safely(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.error("change handler failed on {}", what, e);
        }
    }

    /**
     * Nothing is waiting to be read and no transaction is open: every message the server sent before its latest
     * position (a keepalive's included) has been read, and every commit handed off, so that position can be
     * acknowledged. Reported at once rather than at the next status interval: at a fast shutdown the walsender
     * waits for exactly this confirmation, and without it the server's shutdown waits for wal_sender_timeout.
     */
    private void acknowledgeIdle(LogicalReplicationConnection conn) throws SQLException {
        long lsn = conn.lastReceivedLsn();
        if (lsn > acknowledgedLsn) {
            conn.acknowledge(lsn);
            acknowledgedLsn = lsn;
            conn.reportNow();
        }
    }

    /**
     * An empty {@code readPending()} has already waited up to 1 ms for data, but it costs a socket timeout (an
     * exception) each time: about 5 % of a core when the stream is quiet. Once nothing has arrived for
     * {@link #IDLE_AFTER_NANOS} (longer than the gap between a call's audio frames), wait {@link #IDLE_PAUSE_NANOS}
     * between reads: the first message after a quiet spell may wait that long, and a keepalive's answer too, which
     * the server needs within seconds.
     */
    private static void pauseIfIdle(long lastMessageNanos) {
        if (System.nanoTime() - lastMessageNanos > IDLE_AFTER_NANOS) {
            LockSupport.parkNanos(IDLE_PAUSE_NANOS);
        }
    }

    private static final long IDLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        LogicalReplicationConnection c = current;
        if (c != null) {
            c.abort(); // ends the stream thread's read at once
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
