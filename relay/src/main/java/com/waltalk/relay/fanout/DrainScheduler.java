package com.waltalk.relay.fanout;

import com.waltalk.runtime.Threads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drains congested {@link OutboundQueue}s every few milliseconds until they are empty. Uncongested
 * clients never pass through here: their messages go straight to the transport. Thread-safe.
 */
public final class DrainScheduler implements AutoCloseable {

    static final long PERIOD_MICROS = 4_000;

    private final Set<OutboundQueue> congested = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Threads.named("fanout-drain"));

    public void start() {
        executor.scheduleAtFixedRate(this::drainAll, PERIOD_MICROS, PERIOD_MICROS, TimeUnit.MICROSECONDS);
    }

    /** Registers a queue that reported pending messages. */
    public void congested(OutboundQueue queue) {
        congested.add(queue);
    }

    public int congestedCount() {
        return congested.size();
    }

    private void drainAll() {
        congested.removeIf(q -> !q.drain());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
