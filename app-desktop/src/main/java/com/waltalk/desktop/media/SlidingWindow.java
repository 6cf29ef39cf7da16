package com.waltalk.desktop.media;

/**
 * The last events of a stream in a fixed ring — when, how many bytes, and one measured value each
 * (work time, latency…) — summed over a time window ending now. The shared core of the video pipeline's
 * and the call's rate meters.
 *
 * <p>Not thread-safe: owners synchronize around it.
 */
public final class SlidingWindow {

    /** What the events inside the window add up to; {@code values}/{@code valued} count only values ≥ 0. */
    public record Sum(int events, long bytes, long values, int valued, long oldestNanos) {
    }

    private final long[] at;
    private final long[] bytes;
    private final long[] values;
    private int next;
    private int size;

    /** Keeps at most {@code capacity} events: size it for the window at the highest expected rate. */
    public SlidingWindow(int capacity) {
        at = new long[capacity];
        bytes = new long[capacity];
        values = new long[capacity];
    }

    /** One event at {@code nowNanos}; {@code value} &lt; 0 means "not measured". */
    public void record(long nowNanos, long byteCount, long value) {
        at[next] = nowNanos;
        bytes[next] = byteCount;
        values[next] = value;
        next = (next + 1) % at.length;
        size = Math.min(size + 1, at.length);
    }

    /** The events no older than {@code windowNanos} before {@code nowNanos}. */
    public Sum sum(long nowNanos, long windowNanos) {
        int events = 0;
        long byteSum = 0;
        long valueSum = 0;
        int valued = 0;
        long oldest = nowNanos;
        for (int i = 0; i < size; i++) {
            int idx = Math.floorMod(next - 1 - i, at.length);
            if (nowNanos - at[idx] > windowNanos) {
                break;
            }
            oldest = at[idx];
            events++;
            byteSum += bytes[idx];
            if (values[idx] >= 0) {
                valueSum += values[idx];
                valued++;
            }
        }
        return new Sum(events, byteSum, valueSum, valued, oldest);
    }

    public void clear() {
        next = 0;
        size = 0;
    }
}
