package com.waltalk.desktop.video;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Drift-free frame slots: slot {@code n} starts at {@code start + n * period}, computed from the slot
 * number and never from the previous wake-up, so sleeping late or working long does not push later
 * slots back. A caller that comes back after its next slot has already begun takes the slot that is
 * current now — immediately — and the slots in between are skipped (counted), not made up in a burst.
 *
 * <p>Not thread-safe: one pacer per capture loop.
 */
public final class FramePacer {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int fps;
    private final LongSupplier nanoClock;
    private long startNanos;
    private long nextSlot;
    private long skippedSlots;
    private boolean started;

    /** @param fps slots per second; {@code nanoClock} is {@code System::nanoTime} outside tests */
    public FramePacer(int fps, LongSupplier nanoClock) {
        if (fps <= 0 || fps > 1000) {
            throw new IllegalArgumentException("fps must be in 1..1000: " + fps);
        }
        this.fps = fps;
        this.nanoClock = nanoClock;
    }

    public FramePacer(int fps) {
        this(fps, System::nanoTime);
    }

    /**
     * Waits for the next frame slot and returns its number (0, 1, 2, … with gaps where slots were
     * skipped). The first call returns slot 0 at once and fixes the schedule's origin.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public long awaitNextSlot() throws InterruptedException {
        long now = nanoClock.getAsLong();
        if (!started) {
            started = true;
            startNanos = now;
            nextSlot = 1;
            return 0;
        }
        long current = Math.floorDiv((now - startNanos) * fps, SECOND);
        if (current >= nextSlot) { // late: the next slot has begun already; take the current one now
            skippedSlots += current - nextSlot;
            nextSlot = current + 1;
            return current;
        }
        long slot = nextSlot++;
        long deadline = startOf(slot);
        while ((now = nanoClock.getAsLong()) < deadline) {
            LockSupport.parkNanos(deadline - now);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return slot;
    }

    /** Restarts the schedule at the next call (after a pause such as camera off). */
    public void reset() {
        started = false;
    }

    /** Slots passed over because the caller came back too late, since construction. */
    public long skippedSlots() {
        return skippedSlots;
    }

    /** When slot {@code n} begins on the clock ({@code n * 1e9 / fps} exactly, so no rounding accumulates). */
    public long startOf(long slot) {
        return startNanos + slot * SECOND / fps;
    }
}
