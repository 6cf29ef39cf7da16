package com.waltalk.desktop.bench;

/**
 * Percentiles (nearest rank) of one capture → stage latency, in milliseconds.
 *
 * @param stage      what was reached ("shown", "written to the line", ...)
 * @param count      frames that reached it
 * @param p50Millis  median
 * @param p95Millis  95th percentile
 * @param p99Millis  99th percentile
 * @param minMillis  smallest
 * @param maxMillis  largest
 */
public record LatencySummary(String stage, int count, double p50Millis, double p95Millis, double p99Millis,
                             double minMillis, double maxMillis) {

    static LatencySummary of(String stage, long[] sortedNanos) {
        int n = sortedNanos.length;
        if (n == 0) {
            return new LatencySummary(stage, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(stage, n, pct(sortedNanos, 50), pct(sortedNanos, 95), pct(sortedNanos, 99),
                sortedNanos[0] / 1e6, sortedNanos[n - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))] / 1e6;
    }
}
