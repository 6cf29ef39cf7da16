package com.waltalk.desktop.host;

import com.waltalk.relay.config.RelaySettings;
import com.waltalk.runtime.Threads;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app-wide owner of the hosted relay: one per app (shared by all windows), started on demand on a
 * background thread, stopped when the app quits.
 *
 * <p>Thread-safe.
 */
public final class HostService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostService.class);

    private final Path dataDir;
    private final String bindHost;
    private final int port;
    private final RelaySettings.Timeouts timeouts;
    private final List<Consumer<HostedRelay>> listeners = new CopyOnWriteArrayList<>();
    private CompletableFuture<HostedRelay> running;

    public HostService(Path dataDir) {
        this(dataDir, "0.0.0.0", HostedRelay.DEFAULT_PORT, RelaySettings.Timeouts.DEFAULT);
    }

    public HostService(Path dataDir, String bindHost, int port, RelaySettings.Timeouts timeouts) {
        this.dataDir = dataDir;
        this.bindHost = bindHost;
        this.port = port;
        this.timeouts = timeouts;
    }

    /** Starts the relay unless it runs or is starting; the future completes when it listens. */
    public synchronized CompletableFuture<HostedRelay> start() {
        if (running != null && !running.isCompletedExceptionally()) {
            return running;
        }
        LOG.info("Starting the bundled relay with its database in {}", dataDir);
        running = CompletableFuture.supplyAsync(() -> {
            try {
                HostedRelay r = HostedRelay.start(dataDir, bindHost, port, timeouts);
                LOG.info("Hosting on this computer: {} (local {})", r.networkUris(), r.localUri());
                listeners.forEach(l -> l.accept(r));
                return r;
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, runnable -> Threads.startDaemon("host-relay-start", runnable));
        return running;
    }

    /** The running relay, if it has started. */
    public synchronized Optional<HostedRelay> current() {
        if (running != null && running.isDone() && !running.isCompletedExceptionally()) {
            return Optional.of(running.join());
        }
        return Optional.empty();
    }

    public synchronized boolean startingOrRunning() {
        return running != null && !running.isCompletedExceptionally();
    }

    /** Called (on the starting thread) when the relay is up. */
    public void onStarted(Consumer<HostedRelay> listener) {
        listeners.add(listener);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the relay (waits for a start in progress). */
    @Override
    public synchronized void close() {
        if (running != null) {
            try {
                running.join().close();
            } catch (RuntimeException e) {
                // it never started
            }
            running = null;
        }
    }
}
