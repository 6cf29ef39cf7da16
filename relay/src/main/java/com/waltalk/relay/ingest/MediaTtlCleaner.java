package com.waltalk.relay.ingest;

import com.waltalk.relay.media.MediaTable;
import com.waltalk.runtime.Threads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires media rows older than the TTL on a fixed schedule, keeping the media tables a few seconds
 * deep however long the relay runs.
 *
 * <p>The media tables are rings of one-second partitions ({@link MediaPartitions}); a partition whose
 * latest second is older than the TTL is truncated as a whole. That writes a few WAL records instead
 * of a DELETE record per row and TOAST chunk, which every relay's walsender would have to decode. A
 * TTL too long for the ring (the partition would be reused first) falls back to DELETE by age.
 * Several relays on one database may all run it: both ways are idempotent. A TRUNCATE waits at most
 * {@value #LOCK_TIMEOUT_MS} ms for its lock and is retried on the next run.
 *
 * <p>Thread-safe; the scheduled runs happen on one daemon thread.
 */
public final class MediaTtlCleaner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaTtlCleaner.class);
    private static final String[] TABLES = {MediaTable.VIDEO.tableName(), MediaTable.AUDIO.tableName()};
    private static final int LOCK_TIMEOUT_MS = 500;

    private final DataSource dataSource;
    private final Duration ttl;
    private final Duration interval;
    private final boolean truncating;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong deletedRows = new AtomicLong();
    private final AtomicLong truncations = new AtomicLong();
    /** Per partition, the absolute bucket it was last truncated for (Long.MIN_VALUE: not yet). */
    private final long[] truncatedWindow = new long[MediaPartitions.BUCKETS];
    private volatile boolean lastRunFailed;

    public MediaTtlCleaner(DataSource dataSource, Duration ttl, Duration interval) {
        this.dataSource = dataSource;
        this.ttl = ttl;
        this.interval = interval;
        this.truncating = MediaPartitions.truncationCanKeep(ttl, interval);
        Arrays.fill(truncatedWindow, Long.MIN_VALUE);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Threads.named("media-ttl-cleaner"));
    }

    public void start() {
        if (!truncating) {
            log.info("media TTL {} is longer than the partition ring allows; expiring by DELETE", ttl);
        }
        scheduler.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Expires what is due now; returns the number of rows deleted (truncated rows are not counted). */
    public synchronized long cleanOnce() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return truncating ? truncateExpired(c) : deleteExpired(c);
        }
    }

    private long truncateExpired(Connection c) throws SQLException {
        long nowMillis;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint")) {
            rs.next();
            nowMillis = rs.getLong(1);
        }
        long current = MediaPartitions.absoluteBucket(nowMillis);
        long bucketMillis = MediaPartitions.BUCKET.toMillis();
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = " + LOCK_TIMEOUT_MS);
            for (int b = 0; b < MediaPartitions.BUCKETS; b++) {
                long window = MediaPartitions.latestWindowOf(b, current);
                boolean expired = nowMillis - (window + 1) * bucketMillis >= ttl.toMillis();
                if (window == current || !expired || truncatedWindow[b] == window) {
                    continue;
                }
                st.execute("TRUNCATE " + MediaPartitions.partition(TABLES[0], b) + ", "
                        + MediaPartitions.partition(TABLES[1], b));
                truncatedWindow[b] = window;
                truncations.incrementAndGet();
            }
        }
        return 0;
    }

    private long deleteExpired(Connection c) throws SQLException {
        long deleted = 0;
        for (String table : TABLES) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE inserted_at < now() - make_interval(secs => ?)")) {
                ps.setDouble(1, ttl.toMillis() / 1000.0);
                deleted += ps.executeUpdate();
            }
        }
        deletedRows.addAndGet(deleted);
        return deleted;
    }

    private void runSafely() {
        try {
            cleanOnce();
            if (lastRunFailed) {
                log.info("media TTL cleanup works again");
            }
            lastRunFailed = false;
        } catch (SQLException | RuntimeException e) {
            if (!lastRunFailed) {
                log.warn("media TTL cleanup failed: {}", e.getMessage());
            }
            lastRunFailed = true;
        }
    }

    /** Rows removed by DELETE (only when the TTL is too long for truncating partitions). */
    public long deletedRows() {
        return deletedRows.get();
    }

    /** Partition pairs (video + audio) truncated. */
    public long truncations() {
        return truncations.get();
    }

    /** Whether this cleaner expires media by truncating partitions (else by DELETE). */
    public boolean truncating() {
        return truncating;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
