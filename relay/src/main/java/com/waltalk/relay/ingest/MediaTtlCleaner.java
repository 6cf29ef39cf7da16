package com.waltalk.relay.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes media rows older than the TTL on a fixed schedule, keeping the media tables a few
 * seconds deep however long the relay runs. Several relays on one database may all run it: the
 * DELETEs are idempotent. Thread-safe.
 */
public final class MediaTtlCleaner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaTtlCleaner.class);
    private static final String[] TABLES = {"video_frames", "audio_frames"};

    private final DataSource dataSource;
    private final Duration ttl;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong deletedRows = new AtomicLong();
    private volatile boolean lastRunFailed;

    public MediaTtlCleaner(DataSource dataSource, Duration ttl, Duration interval) {
        this.dataSource = dataSource;
        this.ttl = ttl;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-ttl-cleaner");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Deletes expired rows now; returns how many. */
    public long cleanOnce() throws SQLException {
        long deleted = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + table + " WHERE inserted_at < now() - make_interval(secs => ?)")) {
                    ps.setDouble(1, ttl.toMillis() / 1000.0);
                    deleted += ps.executeUpdate();
                }
            }
        }
        deletedRows.addAndGet(deleted);
        return deleted;
    }

    private void runSafely() {
        try {
            long n = cleanOnce();
            if (lastRunFailed) {
                log.info("media TTL cleanup works again");
            }
            lastRunFailed = false;
            log.trace("deleted {} expired media rows", n);
        } catch (SQLException | RuntimeException e) {
            if (!lastRunFailed) {
                log.warn("media TTL cleanup failed: {}", e.getMessage());
            }
            lastRunFailed = true;
        }
    }

    public long deletedRows() {
        return deletedRows.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
