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

/**
 * The benchmark's own PostgreSQL: an {@link EmbeddedDatabase} with the relay's server settings in a
 * throw-away directory, plus the housekeeping queries the benchmark needs (WAL position, slot lag,
 * dropping slots, emptying the media tables). Not thread-safe: use from the benchmark's main thread
 * ({@link #close()} may also come from the shutdown hook).
 */
public final class BenchDatabase implements AutoCloseable {

    /** Same WAL retention bound the relay uses for its embedded database by default. */
    static final String MAX_SLOT_WAL_KEEP = "1GB";

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
        try (PreparedStatement ps = admin().prepareStatement("SELECT (pg_current_wal_lsn() - confirmed_flush_lsn)::bigint "
                + "FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
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

    /** Empties both media tables (raw-capacity rows and whatever the TTL cleaner had not deleted). */
    public void truncateMedia() throws SQLException {
        try (Statement st = admin().createStatement()) {
            st.execute("TRUNCATE video_frames, audio_frames");
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

    @Override
    public void close() throws IOException {
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException ignored) {
            // the server is going away anyway
        } finally {
            embedded.close();
        }
    }
}
