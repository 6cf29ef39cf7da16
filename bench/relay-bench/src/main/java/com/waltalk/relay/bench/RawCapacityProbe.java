package com.waltalk.relay.bench;

import com.waltalk.relay.Relay;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.replication.LogicalReplicationConnection;
import com.waltalk.relay.replication.pgoutput.Commit;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.relay.replication.pgoutput.PgOutputDecoder;
import com.waltalk.relay.replication.pgoutput.PgOutputException;
import com.waltalk.relay.replication.pgoutput.PgOutputMessage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How fast the database itself can take the relay's rows and stream them back, without the relay:
 * {@value #WRITERS} JDBC writers insert the call mix (video {@code videoBytes} : audio 640 B in the
 * ratio 15 : 50) into {@code video_frames} / {@code audio_frames} as fast as they can, in
 * transactions of {@value #BATCH_ROWS} rows with {@code synchronous_commit = on}, while a consumer
 * decodes a logical replication slot of its own (same {@code pgoutput} options and publication as
 * the relay) with {@link PgOutputDecoder}, acknowledging each commit.
 *
 * <p>The rows stay in the tables; the caller empties them. Not thread-safe: one {@link #run} at a time.
 */
public final class RawCapacityProbe {

    static final String SLOT = "waltalk_bench_raw";
    static final int WRITERS = 2;
    static final int BATCH_ROWS = 64;
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(15);
    static final long SNAPSHOT_INTERVAL_MS = 1_000;
    static final String KEEP_SETTING = "max_slot_wal_keep_size";
    static final String PROBE_KEEP = "16GB";
    private static final String INSERT_VIDEO = "INSERT INTO video_frames "
            + "(sender, recipient, call_id, seq, capture_us, width, height, payload) VALUES (?,?,?,?,?,?,?,?)";
    private static final String INSERT_AUDIO = "INSERT INTO audio_frames "
            + "(sender, recipient, call_id, seq, capture_us, sample_rate, channels, payload) VALUES (?,?,?,?,?,?,?,?)";

    private final BenchDatabase database;
    private final int videoBytes;

    public RawCapacityProbe(BenchDatabase database, int videoBytes) {
        this.database = database;
        this.videoBytes = videoBytes;
    }

    /**
     * Outcome of a probe.
     *
     * @param seconds           length of the write window
     * @param rowsInserted      rows committed in the window
     * @param rowsPerSec        rows committed per second (both tables)
     * @param videoFramesPerSec video rows committed per second: the database's video capacity for this mix
     * @param rowsDecoded       inserts decoded from the slot during the window
     * @param decodedRowsPerSec inserts decoded from the slot per second during the write window
     * @param catchUpMillis     how long after the writers stopped the consumer had decoded every row,
     *                          or -1 if it had not within the timeout
     * @param walMBps           WAL written per second during the window (10^6 bytes)
     */
    public record Result(double seconds, long rowsInserted, double rowsPerSec, double videoFramesPerSec,
                         long rowsDecoded, double decodedRowsPerSec, double catchUpMillis, double walMBps) {
    }

    /** The probe could not run; the message says why. */
    public static final class ProbeException extends Exception {
        ProbeException(String message) {
            super(message);
        }
    }

    public Result run(Duration duration) throws SQLException, InterruptedException, ProbeException {
        DatabaseEndpoint endpoint = database.endpoint();
        database.dropSlot(SLOT, 5_000);
        // At raw speed (200-300 MB/s of WAL) a consumer a few seconds behind retains more than the
        // relay's 1 GB max_slot_wal_keep_size, and a checkpoint would invalidate the probe's slot.
        // This measures throughput, not retention: lift the bound while the probe runs.
        String keep = database.setting(KEEP_SETTING);
        database.applySettings(Map.of(KEEP_SETTING, PROBE_KEEP));
        database.createSlot(SLOT);
        Consumer consumer = null;
        try {
            try {
                consumer = new Consumer(LogicalReplicationConnection.open(endpoint, SLOT, Relay.PUBLICATIONS));
            } catch (SQLException e) {
                throw new ProbeException("cannot open a replication stream from " + SLOT + ": " + e.getMessage());
            }
            consumer.thread.start();

            AtomicLong rows = new AtomicLong();
            AtomicLong videoRows = new AtomicLong();
            AtomicReference<String> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            long durationNanos = duration.toNanos();
            for (int w = 0; w < WRITERS; w++) {
                int index = w;
                Thread t = new Thread(() -> write(endpoint, index, go, durationNanos, rows, videoRows, failure),
                        "bench-raw-writer-" + w);
                t.setDaemon(true);
                writers.add(t);
                t.start();
            }
            String startLsn = database.currentWalLsn();
            long start = System.nanoTime();
            go.countDown();
            // A logical slot's restart_lsn only moves at running-xacts records, which PostgreSQL logs every
            // 15 s; at raw speed that is more WAL than max_slot_wal_keep_size, and the next checkpoint would
            // invalidate the probe's slot. Log one every second instead.
            long joinDeadline = start + durationNanos + TimeUnit.SECONDS.toNanos(30);
            for (Thread t : writers) {
                while (t.isAlive() && System.nanoTime() < joinDeadline) {
                    t.join(SNAPSHOT_INTERVAL_MS);
                    database.logStandbySnapshot();
                }
            }
            long end = System.nanoTime();
            long decodedInWindow = consumer.inserts.get();
            long walBytes = database.walBytesSince(startLsn);
            if (failure.get() != null) {
                throw new ProbeException("raw insert failed: " + failure.get());
            }
            long inserted = rows.get();
            long catchUpDeadline = end + CATCH_UP_TIMEOUT.toNanos();
            while (consumer.inserts.get() < inserted && System.nanoTime() < catchUpDeadline
                    && consumer.failure.get() == null) {
                Thread.sleep(10);
            }
            if (consumer.failure.get() != null) {
                throw new ProbeException("raw replication consumer failed: " + consumer.failure.get());
            }
            double catchUp = consumer.inserts.get() >= inserted ? Math.max(0, consumer.lastInsertNanos() - end) / 1e6
                    : -1;
            double seconds = (end - start) / 1e9;
            return new Result(seconds, inserted, inserted / seconds, videoRows.get() / seconds, decodedInWindow,
                    decodedInWindow / seconds, catchUp, walBytes / 1e6 / seconds);
        } finally {
            if (consumer != null) {
                consumer.stop();
            }
            database.dropSlot(SLOT, 5_000);
            database.applySettings(Map.of(KEEP_SETTING, keep));
        }
    }

    private void write(DatabaseEndpoint endpoint, int index, CountDownLatch go, long durationNanos,
                       AtomicLong rows, AtomicLong videoRows, AtomicReference<String> failure) {
        Random random = new Random(index);
        byte[] jpeg = new byte[videoBytes];
        random.nextBytes(jpeg);
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        byte[] pcm = new byte[CallSimulator.AUDIO_BYTES];
        random.nextBytes(pcm);
        String sender = "raw" + index;
        try (Connection c = endpoint.open("waltalk-bench-raw")) {
            try (Statement st = c.createStatement()) {
                st.execute("SET synchronous_commit = on");
            }
            c.setAutoCommit(false);
            try (PreparedStatement video = c.prepareStatement(INSERT_VIDEO);
                 PreparedStatement audio = c.prepareStatement(INSERT_AUDIO)) {
                go.await();
                long deadline = System.nanoTime() + durationNanos;
                long row = 0;
                long seq = 0;
                while (System.nanoTime() < deadline && failure.get() == null) {
                    int v = 0;
                    int a = 0;
                    for (int i = 0; i < BATCH_ROWS; i++, row++) {
                        boolean isVideo = isVideo(row);
                        PreparedStatement ps = isVideo ? video : audio;
                        ps.setString(1, sender);
                        ps.setString(2, "rawsink");
                        ps.setLong(3, index);
                        ps.setLong(4, seq++);
                        ps.setLong(5, System.currentTimeMillis() * 1000);
                        if (isVideo) {
                            ps.setShort(6, (short) StreamPacer.VIDEO_WIDTH);
                            ps.setShort(7, (short) StreamPacer.VIDEO_HEIGHT);
                            ps.setBytes(8, jpeg);
                            v++;
                        } else {
                            ps.setInt(6, StreamPacer.AUDIO_SAMPLE_RATE);
                            ps.setShort(7, (short) 1);
                            ps.setBytes(8, pcm);
                            a++;
                        }
                        ps.addBatch();
                    }
                    if (v > 0) {
                        video.executeBatch();
                    }
                    if (a > 0) {
                        audio.executeBatch();
                    }
                    c.commit();
                    rows.addAndGet(v + a);
                    videoRows.addAndGet(v);
                }
            }
        } catch (SQLException e) {
            failure.compareAndSet(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Row {@code n} of the mix is video for 15 of every 65 rows, spread evenly (15 fps : 50 packets/s). */
    static boolean isVideo(long n) {
        int video = CallSimulator.VIDEO_FPS;
        int cycle = video + CallSimulator.AUDIO_PACKETS_PER_SECOND;
        return (n + 1) * video / cycle != n * video / cycle;
    }

    /** Drains the probe's slot, counting decoded inserts and acknowledging every commit. */
    private static final class Consumer {
        final LogicalReplicationConnection connection;
        final Thread thread;
        final AtomicLong inserts = new AtomicLong();
        final AtomicReference<String> failure = new AtomicReference<>();
        private volatile boolean running = true;
        private volatile long lastInsertNanos;

        Consumer(LogicalReplicationConnection connection) {
            this.connection = connection;
            this.thread = new Thread(this::run, "bench-raw-consumer");
            thread.setDaemon(true);
        }

        private void run() {
            PgOutputDecoder decoder = new PgOutputDecoder();
            try {
                while (running) {
                    ByteBuffer message = connection.readPending();
                    if (message == null) {
                        continue;
                    }
                    PgOutputMessage m = decoder.decode(message);
                    if (m instanceof Insert) {
                        inserts.incrementAndGet();
                        lastInsertNanos = System.nanoTime();
                    } else if (m instanceof Commit commit) {
                        connection.acknowledge(commit.endLsn());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    failure.compareAndSet(null, describe(e));
                }
            } catch (PgOutputException e) {
                failure.compareAndSet(null, "undecodable pgoutput message: " + e.getMessage());
            }
        }

        /** The message and its causes' messages: pgjdbc wraps the socket error that says what happened. */
        private static String describe(Throwable e) {
            StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                b.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            }
            return b.toString();
        }

        /** When the most recent insert was decoded ({@link System#nanoTime()} scale). */
        long lastInsertNanos() {
            return lastInsertNanos;
        }

        void stop() throws InterruptedException {
            running = false;
            connection.abort();
            thread.join(5_000);
            connection.close();
        }
    }
}
