package com.waltalk.relay.session;

/**
 * Tells a sustained flood of one kind of media frame from a burst. Arrivals are counted in
 * consecutive windows (one second in the relay); a window with more than {@code maxPerWindow}
 * arrivals is flooded, and {@code windowsToAbuse} flooded windows in a row are abuse. Any window
 * at or under the limit, or without frames at all, starts the count again, so a backlog that
 * arrives at once after a network stall fills at most a window or two however large it is.
 *
 * <p>Once abuse is detected the meter stays tripped. Not thread-safe: each meter belongs to one
 * connection and is used from that connection's transport thread.
 */
final class FloodMeter {

    private final long windowNanos;
    private final int maxPerWindow;
    private final int windowsToAbuse;
    private boolean started;
    private long windowStart;
    private int inWindow;
    private int floodedBefore;
    private boolean tripped;

    FloodMeter(long windowNanos, int maxPerWindow, int windowsToAbuse) {
        if (windowNanos <= 0 || maxPerWindow < 1 || windowsToAbuse < 1) {
            throw new IllegalArgumentException("window, limit and count must be positive");
        }
        this.windowNanos = windowNanos;
        this.maxPerWindow = maxPerWindow;
        this.windowsToAbuse = windowsToAbuse;
    }

    /** Counts one arrival at {@code nowNanos}; true if the sender is flooding (and from then on). */
    boolean record(long nowNanos) {
        if (tripped) {
            return true;
        }
        if (!started) {
            started = true;
            windowStart = nowNanos;
        }
        long elapsed = nowNanos - windowStart;
        if (elapsed >= windowNanos) {
            long windows = elapsed / windowNanos;
            // the window just ended continues the run only if it was flooded and directly follows it
            floodedBefore = windows == 1 && inWindow > maxPerWindow ? floodedBefore + 1 : 0;
            windowStart += windows * windowNanos;
            inWindow = 0;
        }
        inWindow++;
        tripped = inWindow > maxPerWindow && floodedBefore + 1 >= windowsToAbuse;
        return tripped;
    }
}
