package com.waltalk.desktop.call;

/**
 * Counts one media stream: frames and bytes over a sliding window of {@value #WINDOW_MILLIS} ms, totals,
 * drops, sequence gaps (incoming) and the mean latency over the window.
 *
 * <p>Thread-safety: safe to use from any thread (synchronized; a few hundred calls per second).
 */
final class StreamMeter {

    static final long WINDOW_MILLIS = 2_000;
    private static final int CAPACITY = 512; // > 2 s of audio at 50 packets/s plus video

    private final long[] times = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private final long[] latencies = new long[CAPACITY];
    private int head;
    private int count;
    private long total;
    private long dropped;
    private long lastSeq = -1;

    /** A frame sent or received; {@code latencyMicros} &lt; 0 if not known. */
    synchronized void record(long nowNanos, int bytes, long latencyMicros) {
        times[head] = nowNanos;
        sizes[head] = bytes;
        latencies[head] = latencyMicros;
        head = (head + 1) % CAPACITY;
        count = Math.min(count + 1, CAPACITY);
        total++;
    }

    /** Notes an incoming sequence number and counts the frames a gap says were lost. */
    synchronized void sequence(long seq) {
        if (lastSeq >= 0) {
            long gap = (seq - lastSeq - 1) & 0xFFFF_FFFFL;
            if (gap > 0 && gap < 10_000) { // a huge "gap" is a restart of the sender's counter, not loss
                dropped += gap;
            }
        }
        lastSeq = seq;
    }

    synchronized void dropped() {
        dropped++;
    }

    synchronized void reset() {
        head = 0;
        count = 0;
        total = 0;
        dropped = 0;
        lastSeq = -1;
    }

    synchronized StreamStats snapshot(long nowNanos, long extraDropped) {
        long windowNanos = WINDOW_MILLIS * 1_000_000;
        long oldest = nowNanos;
        long bytes = 0;
        long latencySum = 0;
        int frames = 0;
        int withLatency = 0;
        for (int i = 0; i < count; i++) {
            int idx = Math.floorMod(head - 1 - i, CAPACITY);
            if (nowNanos - times[idx] > windowNanos) {
                break;
            }
            oldest = times[idx];
            frames++;
            bytes += sizes[idx];
            if (latencies[idx] >= 0) {
                latencySum += latencies[idx];
                withLatency++;
            }
        }
        // over the window, or since the first frame if the stream is younger than the window
        double seconds = frames == 0 ? 1 : Math.max(nowNanos - oldest, windowNanos / 4) / 1e9;
        seconds = Math.min(seconds, WINDOW_MILLIS / 1000.0);
        double latencyMillis = withLatency == 0 ? -1 : latencySum / (double) withLatency / 1000.0;
        return new StreamStats(frames / seconds, bytes * 8 / 1000.0 / seconds, total, dropped + extraDropped,
                latencyMillis);
    }
}
