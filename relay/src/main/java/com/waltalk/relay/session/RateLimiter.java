package com.waltalk.relay.session;

/**
 * A token bucket: {@code ratePerSecond} sustained, {@code burst} at once. Not thread-safe: each
 * bucket belongs to one connection and is used from that connection's transport thread.
 */
final class RateLimiter {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;

    RateLimiter(double ratePerSecond, double burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = System.nanoTime();
    }

    /** Takes one token; returns 0 if allowed, else the milliseconds until one is available. */
    long tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano / 1e6));
    }
}
