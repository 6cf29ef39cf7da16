package com.waltalk.relay.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state of every logical replication slot in the relay's database from
 * {@code pg_replication_slots}: how far each slot's consumer is behind the end of WAL, and how much
 * WAL the slot keeps on the server's disk. Uses the relay's ordinary connection pool — never the
 * replication connection — and asks the database at most once per {@code maxAge}, however often it
 * is scraped; a failed query is remembered for as long, so a database that is down costs one slow
 * attempt per interval, not one per scrape. Thread-safe.
 */
public final class SlotStatsProbe {

    private static final Logger log = LoggerFactory.getLogger(SlotStatsProbe.class);

    static final String QUERY = "SELECT slot_name, active, wal_status = 'lost', "
            + "pg_current_wal_lsn() - confirmed_flush_lsn, pg_current_wal_lsn() - restart_lsn, safe_wal_size "
            + "FROM pg_replication_slots WHERE slot_type = 'logical' AND database = current_database()";

    /** One slot as last read; byte figures are null where PostgreSQL has none (e.g. an invalidated slot). */
    public record SlotStats(String slot, boolean active, boolean lost, Long lagBytes, Long retainedBytes,
                            Long safeWalSizeBytes) {
    }

    /** What one probe found; {@code ok} is false when the query failed (then {@code slots} is empty). */
    public record Snapshot(boolean ok, List<SlotStats> slots, long takenNanos) {
    }

    private final DataSource dataSource;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private Snapshot last;
    private long queries;
    private long failures;
    private boolean failing;

    public SlotStatsProbe(DataSource dataSource, Duration maxAge) {
        this(dataSource, maxAge, System::nanoTime);
    }

    SlotStatsProbe(DataSource dataSource, Duration maxAge, LongSupplier nanoClock) {
        this.dataSource = dataSource;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The latest snapshot, read from the database only if the cached one is older than {@code maxAge}. */
    public synchronized Snapshot snapshot() {
        long now = nanoClock.getAsLong();
        if (last != null && now - last.takenNanos() < maxAgeNanos) {
            return last;
        }
        queries++;
        try {
            last = new Snapshot(true, query(), now);
            if (failing) {
                log.info("slot statistics readable again");
            }
            failing = false;
        } catch (SQLException e) {
            failures++;
            if (!failing) {
                log.warn("cannot read slot statistics for /metrics: {}", e.getMessage());
            }
            failing = true;
            last = new Snapshot(false, List.of(), now);
        }
        return last;
    }

    private List<SlotStats> query() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setQueryTimeout(2);
            List<SlotStats> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SlotStats(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3),
                            nullableLong(rs, 4), nullableLong(rs, 5), nullableLong(rs, 6)));
                }
            }
            return out;
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Times the database was actually asked (for tests of the cache, and as a metric). */
    public synchronized long queries() {
        return queries;
    }

    public synchronized long failures() {
        return failures;
    }
}
