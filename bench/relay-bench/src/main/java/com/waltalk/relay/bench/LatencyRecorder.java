package com.waltalk.relay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Collects latency samples (nanoseconds, with the send time of each) into preallocated arrays — no
 * boxing, no allocation per sample — and computes exact nearest-rank percentiles at the end. Samples
 * beyond the capacity are counted but not kept. Thread-safe: many receiver threads may record
 * concurrently.
 */
public final class LatencyRecorder {

    private final AtomicLongArray samples;
    private final AtomicLongArray sendTimes;
    private final AtomicInteger count = new AtomicInteger();

    /** @param capacity the most samples kept; size it for the expected number of frames plus slack */
    public LatencyRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.samples = new AtomicLongArray(capacity);
        this.sendTimes = new AtomicLongArray(capacity);
    }

    /** Records one latency in nanoseconds, of a frame sent at {@code sentNanos} ({@link System#nanoTime()}). */
    public void record(long sentNanos, long nanos) {
        int i = count.getAndIncrement();
        if (i < samples.length()) {
            sendTimes.set(i, sentNanos);
            samples.set(i, nanos);
        }
    }

    /** Hands every kept sample, in arrival order, to {@code sink}; call after recording has stopped. */
    public void forEach(SampleSink sink) {
        int n = Math.min(count.get(), samples.length());
        for (int i = 0; i < n; i++) {
            sink.accept(sendTimes.get(i), samples.get(i));
        }
    }

    /** Receives one sample: the send time and the latency, both in nanoseconds. */
    @FunctionalInterface
    public interface SampleSink {
        void accept(long sentNanos, long latencyNanos);
    }

    /** Samples recorded, including any that did not fit. */
    public int recorded() {
        return count.get();
    }

    /** Samples recorded beyond the capacity (not part of the percentiles). */
    public int overflowed() {
        return Math.max(0, count.get() - samples.length());
    }

    /** Percentiles over the samples kept so far; call after recording has stopped. */
    public Percentiles percentiles() {
        return percentilesOfSent(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Percentiles over the kept samples of frames sent in {@code [fromNanos, toNanos)}; call after
     * recording has stopped.
     */
    public Percentiles percentilesOfSent(long fromNanos, long toNanos) {
        int n = Math.min(count.get(), samples.length());
        long[] selected = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            long sent = sendTimes.get(i);
            if (sent >= fromNanos && sent < toNanos) {
                selected[k++] = samples.get(i);
            }
        }
        long[] sorted = Arrays.copyOf(selected, k);
        Arrays.sort(sorted);
        return new Percentiles(k, rankMillis(sorted, 0.50), rankMillis(sorted, 0.95), rankMillis(sorted, 0.99),
                k == 0 ? Double.NaN : sorted[k - 1] / 1e6);
    }

    /**
     * Percentiles of each whole second of send time from {@code originNanos} up to (not including)
     * {@code endNanos}: element {@code s} covers frames sent in {@code [origin + s, origin + s + 1)}
     * seconds. Shows when during a run latency went up, which the run's overall percentiles hide.
     */
    public List<Percentiles> perSecond(long originNanos, long endNanos) {
        int seconds = (int) Math.max(0, (endNanos - originNanos + 999_999_999L) / 1_000_000_000L);
        List<Percentiles> result = new ArrayList<>(seconds);
        for (int s = 0; s < seconds; s++) {
            long from = originNanos + s * 1_000_000_000L;
            result.add(percentilesOfSent(from, Math.min(endNanos, from + 1_000_000_000L)));
        }
        return result;
    }

    private static double rankMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length); // nearest-rank definition
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * Latency summary in milliseconds; NaN when there were no samples.
     *
     * @param samples number of samples the percentiles are computed from
     */
    public record Percentiles(int samples, double p50, double p95, double p99, double max) {
    }
}
