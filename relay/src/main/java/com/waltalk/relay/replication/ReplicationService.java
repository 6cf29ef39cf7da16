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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event source: keeps one logical replication stream open (reconnecting with backoff when the
 * database goes away), decodes it, hands row changes to a {@link ChangeHandler} in commit order,
 * and acknowledges each commit as soon as it has been handed off, so the slot never pins WAL while
 * the relay runs. When the stream is idle it also acknowledges keepalive positions, so WAL written
 * by unrelated activity does not pile up behind the slot.
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} from any thread; the handler runs on the
 * service's own thread.
 */
public final class ReplicationService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicationService.class);

    private final DatabaseEndpoint endpoint;
    private final String slotName;
    private final List<String> publications;
    private final ChangeHandler handler;
    private final Thread thread;
    private final Thread idleAcker;
    private final CountDownLatch firstConnect = new CountDownLatch(1);

    private volatile boolean running = true;
    private volatile LogicalReplicationConnection current;
    private volatile boolean connected;
    private volatile boolean inTransaction;
    private volatile boolean blockedInRead;
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
        this.idleAcker = Threads.daemon("replication-idle-ack", this::ackWhileIdle);
    }

    public void start() {
        thread.start();
        idleAcker.start();
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
            try {
                long liveFrom = currentWalLsn();
                handler.onStreamOpening(liveFrom);
                LogicalReplicationConnection conn = LogicalReplicationConnection.open(endpoint, slotName, publications);
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
                log.warn("replication stream from slot {} lost: {} — retrying in {} ms", slotName,
                        e.getMessage(), backoffMs);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                log.error("replication stream from slot {} failed; retrying in {} ms", slotName, backoffMs, e);
            } finally {
                connected = false;
                current = null;
                inTransaction = false;
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
        while (running) {
            handlingSinceNanos = 0;
            blockedInRead = true;
            ByteBuffer message = conn.read();
            blockedInRead = false;
            if (message == null) {
                continue;
            }
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
                inTransaction = true;
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
                inTransaction = false;
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
     * When nothing is in flight, everything the server has reported (keepalive positions included)
     * has been handled, so it can be acknowledged. The check is deliberately conservative: both
     * flags must hold before and after reading the position.
     */
    private void ackWhileIdle() {
        while (running) {
            sleepQuietly(1_000);
            LogicalReplicationConnection conn = current;
            if (conn == null || inTransaction || !blockedInRead) {
                continue;
            }
            long lsn = conn.lastReceivedLsn();
            if (!inTransaction && blockedInRead && lsn > acknowledgedLsn && current == conn) {
                conn.acknowledge(lsn);
                acknowledgedLsn = lsn;
            }
        }
    }

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
            c.abort(); // unblocks read()
        }
        thread.interrupt();
        idleAcker.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
