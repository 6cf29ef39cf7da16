package com.waltalk.desktop.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between reconnect attempts: attempt {@code n} (0-based) waits a
 * random time in {@code [d/2, d]} where {@code d = min(max, initial * 2^n)} ("equal jitter": clients
 * dropped together by a relay restart do not come back in lock step, and no wait is shorter than half
 * the nominal one).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param initial the nominal first delay
 * @param max     the largest nominal delay
 */
public record ReconnectPolicy(Duration initial, Duration max) {

    /** 0.5 s, 1 s, 2 s, 4 s, 8 s, 10 s, 10 s ... (nominal). */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(10));

    public ReconnectPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max: " + initial + ", " + max);
        }
    }

    /** The delay before attempt {@code attempt} (0 = the first reconnect attempt). */
    public Duration delay(int attempt, RandomGenerator random) {
        long nominal = initial.toMillis();
        for (int i = 0; i < attempt && nominal < max.toMillis(); i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, max.toMillis());
        long half = nominal / 2;
        return Duration.ofMillis(half + random.nextLong(nominal - half + 1));
    }
}
