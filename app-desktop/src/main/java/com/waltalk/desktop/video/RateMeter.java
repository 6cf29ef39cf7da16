package com.waltalk.desktop.video;

import java.util.concurrent.TimeUnit;

/**
 * Events per second, bits per second and mean work time over a sliding window (the last two
 * seconds): one entry per event in a ring sized for 128 events, enough for 60 fps.
 *
 * <p>Thread-safe: synchronized; one writer per stream, readers from any thread.
 */
final class RateMeter {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int CAPACITY = 128;

    private final long[] at = new long[CAPACITY];
    private final long[] bytes = new long[CAPACITY];
    private final long[] workNanos = new long[CAPACITY];
    private int next;
    private int size;

    synchronized void record(long nowNanos, long byteCount, long work) {
        at[next] = nowNanos;
        bytes[next] = byteCount;
        workNanos[next] = work;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** {events/s, kbit/s, mean work ms} over the window ending at {@code nowNanos}. */
    synchronized double[] rates(long nowNanos) {
        int count = 0;
        long sumBytes = 0;
        long sumWork = 0;
        for (int i = 0; i < size; i++) {
            int idx = Math.floorMod(next - 1 - i, CAPACITY);
            if (nowNanos - at[idx] > WINDOW_NANOS) {
                break;
            }
            count++;
            sumBytes += bytes[idx];
            sumWork += workNanos[idx];
        }
        if (count == 0) {
            return new double[] {0, 0, 0};
        }
        double seconds = WINDOW_NANOS / 1e9; // a stream younger than the window ramps up over its first 2 s
        return new double[] {count / seconds, sumBytes * 8 / 1000.0 / seconds, sumWork / 1e6 / count};
    }
}
