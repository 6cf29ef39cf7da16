package com.waltalk.testing;

import com.waltalk.relay.db.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL, configured like the relay's embedded one ({@link EmbeddedDatabase#serverConfig}), that a test
 * can restart under a running relay with the operator's own command, {@code pg_ctl restart -m fast}, and time it.
 * The data directory is {@code dir/pgdata}, the server's log (before and after restarts) {@code dir/postgres.log}. Point a relay at it with {@link #jdbcUrl()} and {@link #user()}.
 *
 * <p>Not thread-safe: start, restart and close from one thread (the accessors may be read from any).
 */
public final class RestartablePostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Path pgCtl;
    private final Path log;

    private RestartablePostgres(EmbeddedPostgres postgres, Path dataDir, Path pgCtl, Path log) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.pgCtl = pgCtl;
        this.log = log;
    }

    /**
     * Starts a server in {@code dir} with the relay's settings, overridden by {@code overrides} (for example an
     * explicit {@code wal_sender_timeout}), and creates the {@value EmbeddedDatabase#DATABASE} database.
     */
    public static RestartablePostgres start(Path dir, Map<String, String> overrides) throws IOException {
        Files.createDirectories(dir);
        Path data = dir.resolve("pgdata");
        Path log = dir.resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedDatabase.newBuilder()
                .setDataDirectory(data)
                .setPGStartupWait(Duration.ofSeconds(60))
                // the first server's log in the same file as the restarted one's (which pg_ctl -l writes)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        EmbeddedDatabase.serverConfig("1GB").forEach(builder::setServerConfig);
        overrides.forEach(builder::setServerConfig);
        EmbeddedPostgres pg = builder.start();
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + EmbeddedDatabase.DATABASE);
            }
            return new RestartablePostgres(pg, data, findPgCtl(data), log);
        } catch (SQLException | IOException | RuntimeException e) {
            pg.close();
            throw e instanceof IOException io ? io : new IOException("PostgreSQL started but could not be set up", e);
        }
    }

    /**
     * The {@code pg_ctl} beside the running server's {@code postgres}. zonky unpacks the binaries once per JVM and
     * reuses them for every later server, wherever it was told to put them, so ask the server itself: the first line
     * of {@code postmaster.pid} is its process id, and {@code /proc/<pid>/exe} its binary (Linux, where these tests
     * run).
     */
    private static Path findPgCtl(Path dataDir) throws IOException {
        String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
        Path postgres = Path.of("/proc", pid, "exe").toRealPath();
        Path pgCtl = postgres.resolveSibling("pg_ctl");
        if (!Files.isExecutable(pgCtl)) {
            throw new IOException("no pg_ctl beside " + postgres);
        }
        return pgCtl;
    }

    /**
     * Runs {@code pg_ctl restart -m fast -w} (the options the server was started with are kept: pg_ctl reads
     * them from {@code postmaster.opts}) and returns how long it took, shutdown and start-up together. Throws if
     * pg_ctl fails or has not finished within {@code limit}.
     */
    public Duration restartFast(Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        // -l: the new postmaster's output goes to a file, not to a pipe of ours that it would hold open
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // as zonky does: pg_ctl refuses to run as root, and in a user namespace of its own it is not root
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "restart", "-m", "fast", "-w",
                "-t", String.valueOf(Math.max(1, limit.toSeconds())), "-D", dataDir.toString(), "-l", log.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("pg_ctl.out").toFile()))
                .start();
        if (!p.waitFor(limit.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException("pg_ctl restart still running after " + limit);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (p.exitValue() != 0) {
            throw new IOException("pg_ctl restart failed with exit code " + p.exitValue() + ": "
                    + Files.readString(dataDir.resolveSibling("pg_ctl.out")));
        }
        return took;
    }

    /** {@code pg_stat_replication}, one line per walsender, for a test's diagnostics. */
    public String walSenders() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT application_name, state, sent_lsn, write_lsn, flush_lsn,"
                     + " pg_current_wal_lsn() AS wal_end, reply_time FROM pg_stat_replication")) {
            while (rs.next()) {
                out.append(String.format("%s state=%s sent=%s write=%s flush=%s wal_end=%s reply_time=%s%n",
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)));
            }
        }
        return out.toString();
    }

    /** What the server has logged so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + EmbeddedDatabase.DATABASE;
    }

    public String user() {
        return "postgres";
    }

    /** The data directory, for a test's own look at the files. */
    public File dataDirectory() {
        return dataDir.toFile();
    }

    /** Stops the server ({@code pg_ctl stop}); its files stay in the directory given to {@link #start}. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
