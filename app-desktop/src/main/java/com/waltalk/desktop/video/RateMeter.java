package com.waltalk.desktop.video;

import com.waltalk.desktop.media.SlidingWindow;
import java.util.concurrent.TimeUnit;

/**
 * Events per second, bits per second and mean work time over a sliding window (the last two
 * seconds): one entry per event in a ring sized for 128 events, enough for 60 fps.
 *
 * <p>Thread-safe: synchronized; one writer per stream, readers from any thread.
 */
final class RateMeter {

    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SlidingWindow window = new SlidingWindow(128);

    synchronized void record(long nowNanos, long byteCount, long work) {
        window.record(nowNanos, byteCount, work);
    }

    /** {events/s, kbit/s, mean work ms} over the window ending at {@code nowNanos}. */
    synchronized double[] rates(long nowNanos) {
        SlidingWindow.Sum sum = window.sum(nowNanos, WINDOW_NANOS);
        if (sum.events() == 0) {
            return new double[] {0, 0, 0};
        }
        double seconds = WINDOW_NANOS / 1e9; // a stream younger than the window ramps up over its first 2 s
        return new double[] {sum.events() / seconds, sum.bytes() * 8 / 1000.0 / seconds,
                sum.valued() == 0 ? 0 : sum.values() / 1e6 / sum.valued()};
    }
}
