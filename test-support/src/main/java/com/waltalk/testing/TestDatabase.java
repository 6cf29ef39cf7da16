package com.waltalk.testing;

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
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded PostgreSQL shared by all tests in the JVM that need a database of their own (starting one costs
 * seconds), configured like the relay's; each user gets a fresh database migrated by {@link Database#open}. A class
 * either opens (and closes) it with {@link #newDatabase()} or {@link #newDatabaseEndpoint()}, or registers an
 * instance as a JUnit extension on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final TestDatabase db = TestDatabase.perClass();
 * }</pre>
 * which opens the class's database before its {@code @BeforeAll} methods run and closes it after its
 * {@code @AfterAll} methods (on an instance field JUnit never calls these, and the accessors throw
 * {@link IllegalStateException}).
 *
 * <p>Thread-safety: the static methods may be called from any thread (the shared server starts once, under the
 * class's lock). An instance's accessors may be called from any thread while the class's tests run: the open
 * database is published through a volatile field, and {@link Database} is thread-safe.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedDatabase server;

    private volatile Database database;

    private TestDatabase() {
    }

    /** A fresh migrated database for one test class; register on a static field with {@code @RegisterExtension}. */
    public static TestDatabase perClass() {
        return new TestDatabase();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = newDatabase();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Database open = database;
        database = null;
        if (open != null) {
            open.close();
        }
    }

    private Database database() {
        Database open = database;
        if (open == null) {
            throw new IllegalStateException("no database: register TestDatabase.perClass() with @RegisterExtension"
                    + " on a static field, and use it only while the class's tests run");
        }
        return open;
    }

    /** The class's database's connection pool. */
    public DataSource pool() {
        return database().pool();
    }

    /** Where the class's database is, for connections of a test's own. */
    public DatabaseEndpoint endpoint() {
        return database().endpoint();
    }

    private static synchronized EmbeddedDatabase server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("waltalk-accounts-test");
                // every test class's relays leave their slots behind in its own database: room for many classes
                EmbeddedDatabase started = EmbeddedDatabase.start(dir.resolve("pgdata"), "1GB",
                        java.util.Map.of("max_replication_slots", "100", "max_wal_senders", "40",
                                "max_connections", "300"));
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

    /**
     * A new database with the relay's schema (all migrations applied), in which every account is a contact of
     * every other ({@link TestContacts#everyoneInContact}).
     */
    public static Database newDatabase() throws Exception {
        Database db = Database.open(newDatabaseEndpoint());
        TestContacts.everyoneInContact(db.pool());
        return db;
    }

    /** A new database with the relay's schema in which accounts start as strangers, as in production. */
    public static Database newDatabaseOfStrangers() throws Exception {
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
