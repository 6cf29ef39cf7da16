package com.waltalk.relay.limits;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of something a limit allows: {@code count} per {@code period} sustained, up to
 * {@code burst} at once (a token bucket of {@code burst} tokens, one token back every
 * {@code period / count}). Written {@code <count>/<period>[:<burst>]}, e.g. {@code 5/1h},
 * {@code 5/1s:20}; without a burst it is the count. Immutable.
 *
 * @param count  tokens per period, at least 1
 * @param period the period, positive
 * @param burst  bucket size, at least 1
 */
public record Rate(int count, Duration period, int burst) {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,9})(ms|s|m|h|d)(?::(\\d{1,9}))?");

    public Rate {
        Objects.requireNonNull(period, "period");
        if (count < 1 || burst < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs a count, a burst of at least 1 and a positive period");
        }
        if (period.dividedBy(count).toNanos() < 1_000) {
            throw new IllegalArgumentException("a rate may refill at most one token per microsecond");
        }
    }

    /** {@code count} per {@code period}, burst {@code count}. */
    public static Rate of(int count, Duration period) {
        return new Rate(count, period, count);
    }

    /** Parses {@code <count>/<period>[:<burst>]}, period units ms, s, m, h, d: {@code 3/1m}, {@code 5/1s:20}. */
    public static Rate parse(String spec) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a rate: '" + spec
                    + "' (expected <count>/<period>[:<burst>], e.g. 5/1h or 5/1s:20; units ms, s, m, h, d)");
        }
        long n = Long.parseLong(m.group(2));
        Duration period = switch (m.group(3)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        int count = Integer.parseInt(m.group(1));
        return new Rate(count, period, m.group(4) == null ? count : Integer.parseInt(m.group(4)));
    }

    /** Time for one token to come back. */
    public long intervalMicros() {
        return Math.max(1, period.toNanos() / count / 1_000);
    }

    /** How far ahead of now a bucket may be booked and still allow a request: {@code (burst - 1)} intervals. */
    public long toleranceMicros() {
        return (burst - 1) * intervalMicros();
    }

    @Override
    public String toString() {
        String p = period.toDaysPart() > 0 && period.equals(Duration.ofDays(period.toDays())) ? period.toDays() + "d"
                : period.equals(Duration.ofHours(period.toHours())) ? period.toHours() + "h"
                : period.equals(Duration.ofMinutes(period.toMinutes())) ? period.toMinutes() + "m"
                : period.equals(Duration.ofSeconds(period.toSeconds())) ? period.toSeconds() + "s"
                : period.toMillis() + "ms";
        return count + "/" + p + (burst == count ? "" : ":" + burst);
    }
}
