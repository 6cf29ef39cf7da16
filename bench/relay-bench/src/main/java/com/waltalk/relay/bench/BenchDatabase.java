package com.waltalk.relay.bench;

import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.db.EmbeddedDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's own PostgreSQL: an {@link EmbeddedDatabase} with the relay's server settings in a
 * throw-away directory, plus the housekeeping queries the benchmark needs (WAL position, slot lag,
 * dropping slots, emptying the media tables). Not thread-safe: use from the benchmark's main thread
 * ({@link #close()} may also come from the shutdown hook).
 */
public final class BenchDatabase implements AutoCloseable {

    /** Same WAL retention bound the relay uses for its embedded database by default. */
    static final String MAX_SLOT_WAL_KEEP = "1GB";
    static final long STOP_TIMEOUT_SECONDS = 15;

    private final EmbeddedDatabase embedded;
    private final DatabaseEndpoint endpoint;
    private Connection admin;

    private BenchDatabase(EmbeddedDatabase embedded) {
        this.embedded = embedded;
        this.endpoint = new DatabaseEndpoint(embedded.jdbcUrl(), embedded.user(), null);
    }

    /** Starts PostgreSQL with its data in {@code dataDir}. */
    public static BenchDatabase start(Path dataDir) throws IOException {
        return new BenchDatabase(EmbeddedDatabase.start(dataDir, MAX_SLOT_WAL_KEEP));
    }

    /**
     * Pid of the PostgreSQL postmaster (first line of {@code postmaster.pid}), or -1 if unknown.
     * Its backends are its children.
     */
    public long postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(embedded.dataDir().resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    private Connection admin() throws SQLException {
        if (admin == null || admin.isClosed()) {
            admin = endpoint.open("waltalk-bench");
            admin.setAutoCommit(true);
        }
        return admin;
    }

    /**
     * Changes server settings for experiments ({@code ALTER SYSTEM} + reload). Only settings that a
     * reload applies are accepted; the relay's own configuration is otherwise what
     * {@link EmbeddedDatabase#serverConfig} says.
     *
     * @throws SQLException if a setting is unknown, has a bad value, or needs a restart
     */
    public void applySettings(Map<String, String> settings) throws SQLException {
        if (settings.isEmpty()) {
            return;
        }
        try (Statement st = admin().createStatement()) {
            for (Map.Entry<String, String> e : settings.entrySet()) {
                if (!e.getKey().matches("[a-z_]+")) {
                    throw new SQLException("not a setting name: " + e.getKey());
                }
                st.execute("ALTER SYSTEM SET " + e.getKey() + " = '" + e.getValue().replace("'", "''") + "'");
            }
            st.execute("SELECT pg_reload_conf()");
        }
        try (PreparedStatement ps = admin().prepareStatement(
                "SELECT pending_restart FROM pg_settings WHERE name = ?")) {
            for (String name : settings.keySet()) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        throw new SQLException("setting " + name + " needs a server restart; only reloadable settings "
                                + "can be changed here");
                    }
                }
            }
        }
    }

    /** The current value of a server setting. */
    public String setting(String name) throws SQLException {
        try (PreparedStatement ps = admin().prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** {@code SHOW server_version}. */
    public String serverVersion() throws SQLException {
        return queryString("SHOW server_version");
    }

    /** The current WAL insert position, as text ({@code X/Y}). */
    public String currentWalLsn() throws SQLException {
        return queryString("SELECT pg_current_wal_lsn()::text");
    }

    /** WAL bytes written since {@code startLsn}. */
    public long walBytesSince(String startLsn) throws SQLException {
        try (PreparedStatement ps = admin().prepareStatement("SELECT (pg_current_wal_lsn() - ?::pg_lsn)::bigint")) {
            ps.setString(1, startLsn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** WAL the slot's consumer has not confirmed yet, in bytes, or -1 if there is no such slot. */
    public long slotLagBytes(String slot) throws SQLException {
        SlotStatus s = slotStatus(slot);
        return s == null ? -1 : s.confirmLagBytes();
    }

    /**
     * How far a slot is behind the current WAL position.
     *
     * @param restartLagBytes WAL the slot retains (from its {@code restart_lsn})
     * @param confirmLagBytes WAL its consumer has not confirmed ({@code confirmed_flush_lsn})
     * @param walStatus       {@code reserved}, {@code extended}, {@code unreserved} or {@code lost}
     */
    public record SlotStatus(long restartLagBytes, long confirmLagBytes, String walStatus) {
    }

    /** The slot's status, or null if there is no such slot. */
    public SlotStatus slotStatus(String slot) throws SQLException {
        try (PreparedStatement ps = admin().prepareStatement("SELECT coalesce((pg_current_wal_lsn() - restart_lsn)::bigint, -1), "
                + "coalesce((pg_current_wal_lsn() - confirmed_flush_lsn)::bigint, -1), coalesce(wal_status, 'unknown') "
                + "FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new SlotStatus(rs.getLong(1), rs.getLong(2), rs.getString(3)) : null;
            }
        }
    }

    /** Creates a logical replication slot for {@code pgoutput}. */
    public void createSlot(String slot) throws SQLException {
        try (PreparedStatement ps = admin().prepareStatement(
                "SELECT lsn FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
            ps.setString(1, slot);
            ps.executeQuery().close();
        }
    }

    /**
     * Drops the slot if it exists, waiting up to {@code timeoutMillis} for its consumer (a walsender
     * whose client just went away) to release it. Returns false if it was still in use.
     */
    public boolean dropSlot(String slot, long timeoutMillis) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            try (PreparedStatement ps = admin().prepareStatement("SELECT active FROM pg_replication_slots "
                    + "WHERE slot_name = ?")) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return true;
                    }
                    if (!rs.getBoolean(1)) {
                        try (PreparedStatement drop = admin().prepareStatement(
                                "SELECT pg_drop_replication_slot(?)")) {
                            drop.setString(1, slot);
                            drop.executeQuery().close();
                        }
                        return true;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
    }

    /**
     * Writes a running-transactions record now ({@code pg_log_standby_snapshot()}, PostgreSQL 16+), so
     * logical slots can advance their {@code restart_lsn}. Does nothing on older servers.
     */
    public void logStandbySnapshot() throws SQLException {
        if (admin().getMetaData().getDatabaseMajorVersion() >= 16) {
            try (Statement st = admin().createStatement()) {
                st.execute("SELECT pg_log_standby_snapshot()");
            }
        }
    }

    /** Empties both media tables (raw-capacity rows and whatever the TTL cleaner had not deleted). */
    public void truncateMedia() throws SQLException {
        try (Statement st = admin().createStatement()) {
            st.execute("TRUNCATE video_frames, audio_frames");
        }
    }

    /**
     * Writes about {@code megabytes} of WAL and checkpoints, so PostgreSQL has that many finished WAL
     * segments to recycle. A fresh cluster must create (and zero-fill, {@code wal_init_zero}) every new
     * 16 MB segment, which stalls all committing writers for tens of milliseconds each time; a server
     * that has been running recycles old segments instead. The benchmark measures the latter.
     */
    public void prewarmWal(int megabytes) throws SQLException {
        if (megabytes <= 0) {
            return;
        }
        byte[] chunk = new byte[1024 * 1024];
        new Random(42).nextBytes(chunk); // incompressible: ~1 MB of WAL per row
        Connection c = admin();
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_wal_prewarm");
            st.execute("CREATE TABLE bench_wal_prewarm (b bytea)");
            st.execute("ALTER TABLE bench_wal_prewarm ALTER COLUMN b SET STORAGE EXTERNAL");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_wal_prewarm VALUES (?)")) {
            for (int i = 0; i < megabytes; i++) {
                ps.setBytes(1, chunk);
                ps.executeUpdate();
                if (i % 16 == 15) {
                    c.commit();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        try (Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_wal_prewarm");
            st.execute("CHECKPOINT");
        }
    }

    /** Forces a checkpoint so one does not land in the middle of the next measurement by accident. */
    public void checkpoint() throws SQLException {
        try (Statement st = admin().createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Statement st = admin().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Stops PostgreSQL and waits (bounded) until the postmaster has exited, so the data directory can
     * be deleted safely even when the library's own shutdown hook is stopping it at the same time.
     */
    @Override
    public void close() throws IOException {
        long postmaster = postmasterPid();
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException ignored) {
            // the server is going away anyway
        } finally {
            embedded.close();
            if (postmaster > 0) {
                ProcessHandle.of(postmaster).ifPresent(h -> {
                    try {
                        h.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException e) {
                        // leave it; the caller reports a directory it could not delete
                    }
                });
            }
        }
    }
}
