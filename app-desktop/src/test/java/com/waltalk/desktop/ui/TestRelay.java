package com.waltalk.desktop.ui;

import com.waltalk.desktop.host.HostedRelay;
import com.waltalk.relay.config.RelaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real relay with a real (embedded) PostgreSQL for UI tests. {@link #shared()} is started once per test
 * JVM (a relay start costs seconds) with a short ring timeout so "missed" tests are quick; tests use
 * unique user names so they do not see each other's calls.
 */
public final class TestRelay implements AutoCloseable {

    /** The ring timeout of test relays: an unanswered call is missed after this. */
    public static final Duration RING_TIMEOUT = Duration.ofSeconds(4);

    private static TestRelay shared;

    private final Path dataDir;
    private volatile HostedRelay relay;
    private int port;

    private TestRelay(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static synchronized TestRelay shared() throws Exception {
        if (shared == null) {
            shared = start();
            TestRelay s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "test-relay-stop"));
        }
        return shared;
    }

    /** A new relay of its own (close it). */
    public static TestRelay start() throws Exception {
        TestRelay r = new TestRelay(Files.createTempDirectory("waltalk-ui-relay"));
        r.startOn(0);
        return r;
    }

    static RelaySettings.Timeouts timeouts() {
        return RelaySettings.Timeouts.DEFAULT.withRingTimeout(RING_TIMEOUT).withReconnectGrace(Duration.ofSeconds(20));
    }

    private void startOn(int p) throws Exception {
        relay = HostedRelay.start(dataDir.resolve("pgdata"), "127.0.0.1", p, timeouts());
        port = relay.port();
    }

    public String uri() {
        return "ws://127.0.0.1:" + port;
    }

    /** Stops the relay (clients see the connection drop). */
    public void stop() {
        relay.close();
    }

    /** Starts it again on the same port and database. */
    public void restart() throws Exception {
        startOn(port);
    }

    @Override
    public void close() {
        try {
            relay.close();
        } catch (RuntimeException e) {
            // already stopped
        }
        try (var s = Files.walk(dataDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp files
        }
    }
}
