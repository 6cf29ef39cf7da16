package com.waltalk.desktop.call;

import com.waltalk.desktop.media.SlidingWindow;

/**
 * Counts one media stream: frames and bytes over a sliding window of {@value #WINDOW_MILLIS} ms, totals,
 * drops, sequence gaps (incoming) and the mean latency over the window.
 *
 * <p>Thread-safety: safe to use from any thread (synchronized; a few hundred calls per second).
 */
final class StreamMeter {

    static final long WINDOW_MILLIS = 2_000;

    private final SlidingWindow window = new SlidingWindow(512); // > 2 s of audio at 50 packets/s plus video
    private long total;
    private long dropped;
    private long lastSeq = -1;

    /** A frame sent or received; {@code latencyMicros} &lt; 0 if not known. */
    synchronized void record(long nowNanos, int bytes, long latencyMicros) {
        window.record(nowNanos, bytes, latencyMicros);
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
        window.clear();
        total = 0;
        dropped = 0;
        lastSeq = -1;
    }

    synchronized StreamStats snapshot(long nowNanos, long extraDropped) {
        long windowNanos = WINDOW_MILLIS * 1_000_000;
        SlidingWindow.Sum sum = window.sum(nowNanos, windowNanos);
        // over the window, or since the first frame if the stream is younger than the window
        double seconds = sum.events() == 0 ? 1 : Math.max(nowNanos - sum.oldestNanos(), windowNanos / 4) / 1e9;
        seconds = Math.min(seconds, WINDOW_MILLIS / 1000.0);
        double latencyMillis = sum.valued() == 0 ? -1 : sum.values() / (double) sum.valued() / 1000.0;
        return new StreamStats(sum.events() / seconds, sum.bytes() * 8 / 1000.0 / seconds, total,
                dropped + extraDropped, latencyMillis);
    }
}
