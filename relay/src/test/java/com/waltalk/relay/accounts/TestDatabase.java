package com.waltalk.relay.accounts;

import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.db.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One embedded PostgreSQL for all account tests in the JVM (starting one costs seconds), configured
 * like the relay's; each test class gets a fresh database migrated by {@link Database#open}.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    private static synchronized EmbeddedDatabase server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("waltalk-accounts-test");
                EmbeddedDatabase started = EmbeddedDatabase.start(dir.resolve("pgdata"), "1GB");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                    deleteRecursively(dir);
                }));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Endpoint of a new, empty database on the shared server (not yet migrated). */
    public static DatabaseEndpoint newDatabaseEndpoint() throws SQLException {
        EmbeddedDatabase pg = server();
        String name = "accounts_" + COUNTER.incrementAndGet();
        try (Connection c = new DatabaseEndpoint(pg.jdbcUrl(), pg.user(), null).open("test-setup");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new DatabaseEndpoint("jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + name, pg.user(), null);
    }

    /** A new database with the relay's schema (all migrations applied). */
    public static Database newDatabase() throws Exception {
        return Database.open(newDatabaseEndpoint());
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }
}
