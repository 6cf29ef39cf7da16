package com.waltalk.relay.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;

/**
 * Closes connections that have not completed their WebSocket handshake within the deadline.
 *
 * <p>Why a sweep of its own: Java-WebSocket's connection-lost checker looks only at open connections, so a
 * client that sends half an upgrade request (or nothing) was held forever. Every accepted connection is
 * tracked here until it opens or closes; a sweep every {@link #SWEEP_MILLIS} closes those past the deadline,
 * so one is closed between the deadline and a sweep later.
 *
 * <p>Thread-safe: {@link #track} from the selector thread, the sweep on the given scheduler.
 */
final class HandshakeDeadline {

    static final long SWEEP_MILLIS = 250;

    private final Set<GuardedWebSocket> pending = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final AtomicLong timedOut = new AtomicLong();

    HandshakeDeadline(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /** Sweeps on {@code scheduler} until it is shut down; {@code alsoEachSweep} runs after every sweep. */
    void start(ScheduledExecutorService scheduler, Runnable alsoEachSweep) {
        scheduler.scheduleWithFixedDelay(() -> {
            sweep(System.nanoTime());
            alsoEachSweep.run();
        }, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    void track(GuardedWebSocket connection) {
        pending.add(connection);
    }

    /** Forgets connections that opened or closed; closes those whose deadline has passed. */
    void sweep(long nowNanos) {
        for (GuardedWebSocket c : pending) {
            if (c.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
                pending.remove(c);
            } else if (nowNanos - c.acceptedNanos() >= timeoutNanos) {
                pending.remove(c);
                timedOut.incrementAndGet();
                // nothing to say in a frame before the handshake: just close the socket
                c.closeConnection(CloseFrame.NEVER_CONNECTED, "no WebSocket handshake within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", false);
            }
        }
    }

    /** Connections accepted whose handshake is not done yet (as of the last sweep, at most). */
    int pending() {
        return pending.size();
    }

    /** Connections closed for missing the deadline since start. */
    long timedOut() {
        return timedOut.get();
    }
}
