package com.waltalk.testing;

import com.waltalk.relay.Relay;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.Database;
import com.waltalk.runtime.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The running-relay fixture of every WalTalk test: a real {@link Relay} ({@link RelaySettings#forLoopback}) with its
 * embedded PostgreSQL in a temporary directory of its own. As a JUnit extension, one relay shared by all tests of a
 * class; register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final RunningRelay relay = RunningRelay.loopback("calls_test")
 *         .withTimeouts(RelaySettings.Timeouts.DEFAULT.withRingTimeout(Duration.ofSeconds(3)));
 * }</pre>
 *
 * <p>Lifecycle: the relay starts before the class's {@code @BeforeAll} methods run and is closed after its
 * {@code @AfterAll} methods, then the temporary directory is deleted (also when the start failed). The tests of the
 * class share the relay and its database, so each uses user names of its own. On an instance field JUnit never
 * calls the class-level callbacks: the accessors then throw {@link IllegalStateException}. Not for
 * {@code @Nested} classes, which would start a relay of their own over the outer one.
 *
 * <p>Outside JUnit's class lifecycle (the desktop's UI tests, which share one relay per test JVM, or stop and
 * restart it under a connected app): {@link #start()} it and {@link #close()} it, or take the per-JVM
 * {@link #shared} one. {@link #stop()} and {@link #restart()} take the relay down and bring it back on the same
 * port and database, as a relay restart in production does.
 *
 * <p>Thread-safety: the {@code with...} methods return a new, immutable configuration and are meant for the field's
 * initializer. Once started, the accessors may be called from any thread (the started relay is published through a
 * volatile field; {@link Relay} is thread-safe).
 */
public final class RunningRelay implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final String relayId;
    private final UnaryOperator<RelaySettings> changes;
    private final boolean everyoneInContact;
    private volatile Path dataDir;
    private volatile Relay relay;

    private RunningRelay(String relayId, UnaryOperator<RelaySettings> changes, boolean everyoneInContact) {
        this.relayId = relayId;
        this.changes = changes;
        this.everyoneInContact = everyoneInContact;
    }

    /**
     * A relay named {@code relayId} (which also names its replication slot) with the loopback test settings, on
     * whose database every account is a contact of every other ({@link TestContacts#everyoneInContact}).
     */
    public static RunningRelay loopback(String relayId) {
        return new RunningRelay(relayId, UnaryOperator.identity(), true);
    }

    /** The same relay, but its users start as strangers, as in production. */
    public RunningRelay withStrangers() {
        return new RunningRelay(relayId, changes, false);
    }

    /** @see RelaySettings#withNameQuarantine */
    public RunningRelay withNameQuarantine(Duration quarantine) {
        return with(s -> s.withNameQuarantine(quarantine));
    }

    /** @see RelaySettings#withTimeouts */
    public RunningRelay withTimeouts(RelaySettings.Timeouts timeouts) {
        return with(s -> s.withTimeouts(timeouts));
    }

    /** @see RelaySettings#withTtl */
    public RunningRelay withTtl(Duration mediaTtl, Duration cleanupInterval) {
        return with(s -> s.withTtl(mediaTtl, cleanupInterval));
    }

    /** @see RelaySettings#withRegistration */
    public RunningRelay withRegistration(boolean open) {
        return with(s -> s.withRegistration(open));
    }

    private RunningRelay with(UnaryOperator<RelaySettings> change) {
        return new RunningRelay(relayId, s -> change.apply(changes.apply(s)), everyoneInContact);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /**
     * The relay of this configuration that all callers in this JVM share, started on first use and closed
     * when the JVM exits (a relay start costs seconds). Callers use user names of their own.
     */
    public RunningRelay shared() throws Exception {
        synchronized (SHARED) {
            RunningRelay running = SHARED.get(relayId);
            if (running == null) {
                running = start();
                SHARED.put(relayId, running);
                Threads.addShutdownHook("test-relay-stop-" + relayId, running::closeQuietly);
            }
            return running;
        }
    }

    private static final Map<String, RunningRelay> SHARED = new HashMap<>();

    /** Starts the relay (in a new temporary directory); {@link #close()} it. Returns this fixture. */
    public RunningRelay start() throws Exception {
        dataDir = Files.createTempDirectory("waltalk-relay-test");
        try {
            relay = Relay.start(settings());
            if (everyoneInContact) {
                TestContacts.everyoneInContact(relay.database().pool());
            }
        } catch (Exception | Error e) {
            deleteRecursively(dataDir);
            dataDir = null;
            throw e;
        }
        return this;
    }

    private RelaySettings settings() {
        return changes.apply(RelaySettings.forLoopback(dataDir.resolve("pg"), relayId));
    }

    /** Stops the relay, keeping its database: connected clients see the connection drop. */
    public void stop() {
        relay().close();
    }

    /** Starts the stopped relay again on the same WebSocket port and database. */
    public void restart() throws Exception {
        InetSocketAddress ws = relay().webSocketAddress();
        relay = Relay.start(settings().withListen(ws, new InetSocketAddress("127.0.0.1", 0)));
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; a leftover temporary directory is all that is lost
        }
    }

    /** Stops the relay and deletes its temporary directory. Idempotent. */
    @Override
    public void close() throws IOException {
        try {
            if (relay != null) {
                relay.close();
            }
        } finally {
            relay = null;
            if (dataDir != null) {
                deleteRecursively(dataDir);
                dataDir = null;
            }
        }
    }

    /** The started relay. */
    public Relay relay() {
        Relay started = relay;
        if (started == null) {
            throw new IllegalStateException("relay " + relayId + " is not running: register RunningRelay with "
                    + "@RegisterExtension on a static field, and use it only while the class's tests run");
        }
        return started;
    }

    /** {@code ws://} address of the relay. */
    public String webSocketUri() {
        return relay().webSocketUri();
    }

    /** The relay's database (its pool and endpoint), for tests that look at or write rows themselves. */
    public Database database() {
        return relay().database();
    }

    /** A new connection signed in as {@code name} (registered on first use); the caller closes it. */
    public SimulatedClient user(String name) throws IOException, InterruptedException {
        return SimulatedClient.signIn(webSocketUri(), name);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        List<Path> deepestFirst;
        try (Stream<Path> paths = Files.walk(dir)) {
            deepestFirst = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) {
            Files.delete(p);
        }
    }
}
