package com.waltalk.relay.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries shipped in a Maven artifact) whose data directory persists
 * across restarts, configured for the relay: logical WAL, slots, and low WAL-flush latency.
 * Not thread-safe; start and close from one thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /**
     * A zonky builder that finds the PostgreSQL binaries as the relay does ({@link FirstMatchBinaryResolver}: the
     * first copy wins when a Maven reactor puts the binaries on the class path twice). Every embedded server in
     * WalTalk, the relay's and the tests' own, starts from this.
     */
    public static EmbeddedPostgres.Builder newBuilder() {
        return EmbeddedPostgres.builder().setPgBinaryResolver(FirstMatchBinaryResolver.INSTANCE);
    }

    public static final String DATABASE = "waltalk";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Server settings the relay relies on; see docs/DECISIONS.md for the numbers behind them. */
    public static Map<String, String> serverConfig(String maxSlotWalKeepSize) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("listen_addresses", "127.0.0.1");
        c.put("wal_level", "logical");
        c.put("max_wal_senders", "16");
        c.put("max_replication_slots", "16");
        // A relay that is down for long must not fill the disk: past this its slot is invalidated.
        c.put("max_slot_wal_keep_size", maxSlotWalKeepSize);
        // zonky starts the server with -F (fsync off: fine for throw-away test databases, not for the
        // accounts and chat history of a relay or a hosting app — an OS crash could corrupt them).
        // A -c after -F wins; the benchmark found it was off (docs/BENCHMARKS.md, finding 7; D32).
        c.put("fsync", "on");
        // zonky defaults to synchronous_commit=off; the walsender only ships flushed WAL, so flush at commit.
        c.put("synchronous_commit", "on");
        c.put("wal_writer_delay", "10ms");
        c.put("wal_writer_flush_after", "0");
        // New 16 MB WAL segments are otherwise zero-filled while every committing writer waits:
        // at 20 calls that stalled all streams for 60-75 ms every ~0.7 s (docs/BENCHMARKS.md, finding 1).
        c.put("wal_init_zero", "off");
        c.put("shared_buffers", "256MB");
        c.put("max_wal_size", "2GB");
        c.put("min_wal_size", "256MB");
        c.put("checkpoint_timeout", "5min");
        c.put("autovacuum_naptime", "5s");
        c.put("max_connections", "100");
        c.put("wal_sender_timeout", "30s");
        return c;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDir} (created on first
     * use, kept afterwards), and makes sure the {@value #DATABASE} database exists.
     */
    public static EmbeddedDatabase start(Path dataDir, String maxSlotWalKeepSize) throws IOException {
        return start(dataDir, maxSlotWalKeepSize, Map.of());
    }

    /**
     * As {@link #start(Path, String)}, with some server settings changed (e.g. more replication slots for a
     * server that many test databases share).
     */
    public static EmbeddedDatabase start(Path dataDir, String maxSlotWalKeepSize, Map<String, String> overrides)
            throws IOException {
        Files.createDirectories(dataDir.getParent() == null ? dataDir : dataDir.getParent());
        EmbeddedPostgres.Builder builder = newBuilder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60));
        Map<String, String> config = serverConfig(maxSlotWalKeepSize);
        config.putAll(overrides);
        config.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        EmbeddedDatabase db = new EmbeddedDatabase(pg, dataDir);
        try {
            db.ensureDatabase();
        } catch (SQLException e) {
            db.close();
            throw new IOException("embedded PostgreSQL started but the database could not be created", e);
        }
        log.debug("embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDir);
        return db;
    }

    private void ensureDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             Statement st = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
