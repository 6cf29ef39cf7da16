package com.waltalk.relay.ingest;

import com.waltalk.protocol.media.MediaKind;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.media.MediaTable;
import com.waltalk.runtime.Threads;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path: turns inbound media frames into INSERTs, group-committing whatever has queued
 * while the previous commit was in flight — and, under load, no more often than once per commit
 * interval per shard, so each commit carries several frames (docs/DECISIONS.md, D31).
 *
 * <p>Frames are sharded by sender over {@code shards} writer threads, each with its own connection
 * and FIFO queue, so one sender's frames are inserted — and therefore replicated — in the order they
 * arrived, while different senders proceed in parallel. Rows are written as {@link MediaTable}
 * describes them. With {@code synchronous_commit=on} each
 * commit flushes WAL at once, which is what lets the walsender ship it without waiting for the WAL
 * writer; batching keeps the number of commits (PostgreSQL's real cost) far below the frame rate.
 *
 * <p>Memory is bounded per shard: past {@link #maxQueuedBytes} video frames are dropped (the newest
 * loses: older ones are already committed-in-order candidates), audio is still accepted up to twice
 * the bound. Thread-safe: {@link #submit} may be called from any thread.
 */
public final class MediaWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaWriter.class);

    /** Largest batch in one transaction: keeps a commit's latency short when the queue is deep. */
    static final int MAX_BATCH_ROWS = 256;
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private final DatabaseEndpoint endpoint;
    private final Shard[] shards;
    private final long maxQueuedBytes;
    private final long commitIntervalNanos;
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong droppedVideo = new AtomicLong();
    private final AtomicLong droppedAudio = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param commitInterval least time between the starts of two commits of one shard: frames that arrive
     *                       meanwhile wait and share the next commit (zero: commit whatever queued while the
     *                       previous commit was in flight, at once)
     */
    public MediaWriter(DatabaseEndpoint endpoint, int shards, Duration commitInterval, long maxQueuedBytes) {
        this.endpoint = endpoint;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.maxQueuedBytes = maxQueuedBytes;
        this.shards = new Shard[shards];
        for (int i = 0; i < shards; i++) {
            this.shards[i] = new Shard(i);
        }
    }

    public void start() {
        for (Shard s : shards) {
            s.thread.start();
        }
    }

    /**
     * Queues a frame for insertion. {@code shardKey} must be stable per sender connection so its
     * frames stay in order. Returns false if the frame was dropped for lack of queue space.
     */
    public boolean submit(long shardKey, InboundMedia frame) {
        Shard shard = shards[(int) Math.floorMod(shardKey, (long) shards.length)];
        long size = frame.byteSize();
        boolean audio = frame.header().kind() == MediaKind.AUDIO_PCM16LE;
        long limit = audio ? 2 * maxQueuedBytes : maxQueuedBytes;
        if (!running || shard.queuedBytes.get() + size > limit) {
            (audio ? droppedAudio : droppedVideo).incrementAndGet();
            return false;
        }
        shard.queuedBytes.addAndGet(size);
        shard.queue.add(frame);
        return true;
    }

    public long rowsWritten() {
        return rowsWritten.get();
    }

    public long commits() {
        return commits.get();
    }

    public long droppedVideo() {
        return droppedVideo.get();
    }

    public long droppedAudio() {
        return droppedAudio.get();
    }

    /**
     * Whether every writer connection is up and its thread running, i.e. media can be written now. A writer
     * reconnecting after a database error (with back-off) is not working. For {@code /healthz}.
     */
    public boolean working() {
        for (Shard s : shards) {
            if (!s.thread.isAlive() || !s.connected) {
                return false;
            }
        }
        return true;
    }

    public long queuedBytes() {
        long total = 0;
        for (Shard s : shards) {
            total += s.queuedBytes.get();
        }
        return total;
    }

    @Override
    public void close() {
        running = false;
        for (Shard s : shards) {
            s.thread.interrupt();
        }
        for (Shard s : shards) {
            try {
                s.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Shard implements Runnable {
        final LinkedBlockingQueue<InboundMedia> queue = new LinkedBlockingQueue<>();
        final AtomicLong queuedBytes = new AtomicLong();
        final Thread thread;
        private final List<InboundMedia> batch = new ArrayList<>(MAX_BATCH_ROWS);
        private Connection connection;
        volatile boolean connected;
        private PreparedStatement insertVideo;
        private PreparedStatement insertAudio;
        private long lastCommitStart = System.nanoTime() - commitIntervalNanos;

        Shard(int index) {
            thread = Threads.daemon("media-writer-" + index, this);
        }

        @Override
        public void run() {
            long backoffMs = 100;
            while (running) {
                try {
                    if (connection == null) {
                        connect();
                    }
                    if (!takeBatch()) {
                        continue;
                    }
                    writeBatch();
                    backoffMs = 100;
                } catch (InterruptedException e) {
                    break;
                } catch (SQLException e) {
                    // The batch is lost (media is ephemeral); the database may be restarting.
                    log.warn("media writer {}: {} — dropping {} frame(s), reconnecting in {} ms", thread.getName(),
                            e.getMessage(), batch.size(), backoffMs);
                    release(batch);
                    disconnect();
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException ie) {
                        break;
                    }
                    backoffMs = Math.min(backoffMs * 2, 5_000);
                }
            }
            disconnect();
        }

        private void connect() throws SQLException {
            connection = endpoint.open("waltalk-writer");
            try (Statement st = connection.createStatement()) {
                // WAL must be flushed at commit for the walsender to ship it without delay.
                st.execute("SET synchronous_commit = on");
            }
            connection.setAutoCommit(false);
            insertVideo = connection.prepareStatement(MediaTable.VIDEO.insertSql());
            insertAudio = connection.prepareStatement(MediaTable.AUDIO.insertSql());
            connected = true;
        }

        private void disconnect() {
            connected = false;
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already broken
                }
            }
            connection = null;
            insertVideo = null;
            insertAudio = null;
        }

        /**
         * Blocks for the first frame; if the previous commit started less than the commit interval ago,
         * sleeps until the interval is over; then takes whatever else is queued, within the batch limits.
         */
        private boolean takeBatch() throws InterruptedException {
            batch.clear();
            InboundMedia first = queue.poll(1, TimeUnit.SECONDS);
            if (first == null) {
                return false;
            }
            batch.add(first);
            long bytes = first.byteSize();
            InboundMedia next;
            // Wait out the commit interval by sleeping, not by polling with a timeout: a poller would be
            // woken by every frame that arrives. A full batch does not wait.
            long due = lastCommitStart + commitIntervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && queue.size() < MAX_BATCH_ROWS) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            while (batch.size() < MAX_BATCH_ROWS && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
                batch.add(next);
                bytes += next.byteSize();
            }
            lastCommitStart = System.nanoTime();
            return true;
        }

        private void writeBatch() throws SQLException {
            int video = 0;
            int audio = 0;
            for (InboundMedia f : batch) {
                var h = f.header();
                MediaTable table = MediaTable.of(h.kind());
                PreparedStatement ps;
                if (table == MediaTable.VIDEO) {
                    ps = insertVideo;
                    video++;
                } else {
                    ps = insertAudio;
                    audio++;
                }
                table.bind(ps, f.sender(), h, toArray(f.payload()));
                ps.addBatch();
            }
            if (video > 0) {
                insertVideo.executeBatch();
            }
            if (audio > 0) {
                insertAudio.executeBatch();
            }
            connection.commit();
            rowsWritten.addAndGet(batch.size());
            commits.incrementAndGet();
            release(batch);
        }

        private void release(List<InboundMedia> frames) {
            long bytes = 0;
            for (InboundMedia f : frames) {
                bytes += f.byteSize();
            }
            queuedBytes.addAndGet(-bytes);
            frames.clear();
        }
    }

    private static byte[] toArray(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
