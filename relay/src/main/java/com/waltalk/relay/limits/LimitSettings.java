package com.waltalk.relay.limits;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's choice of abuse limits (docs/OPERATIONS.md §12.4): the {@link Rate} of every
 * {@link Limit}, whether registering needs an invite code, how long chat is kept and how much of
 * it one sender may store. Immutable.
 *
 * @param rates              the rate of every limit (a missing one takes its default)
 * @param inviteRequired     registration is by invitation: a {@code register} needs a valid invite code
 * @param chatRetention      chat messages older than this are deleted
 * @param chatQuotaBytes     per sender, the UTF-8 bytes of message bodies kept; beyond it the sender's
 *                           oldest messages are deleted
 * @param housekeeping       how often retention, quota and the expiry of idle buckets run
 * @param refusalLogWindow   the refusal log's summary period per source address
 */
public record LimitSettings(Map<Limit, Rate> rates, boolean inviteRequired, Duration chatRetention,
                            long chatQuotaBytes, Duration housekeeping, Duration refusalLogWindow) {

    public static final Duration DEFAULT_CHAT_RETENTION = Duration.ofDays(365);
    public static final long DEFAULT_CHAT_QUOTA_BYTES = 50L * 1024 * 1024;
    public static final Duration DEFAULT_HOUSEKEEPING = Duration.ofMinutes(1);
    public static final Duration DEFAULT_REFUSAL_LOG_WINDOW = Duration.ofMinutes(1);

    /** The shipped defaults. */
    public static final LimitSettings DEFAULT = new LimitSettings(Map.of(), false, DEFAULT_CHAT_RETENTION,
            DEFAULT_CHAT_QUOTA_BYTES, DEFAULT_HOUSEKEEPING, DEFAULT_REFUSAL_LOG_WINDOW);

    /**
     * For tests and benchmarks on loopback, where every client shares one address and scripts sign in
     * hundreds of users: no rate limit binds (they are still checked, in the database).
     */
    public static final LimitSettings UNLIMITED = DEFAULT.withAllRates(new Rate(1_000_000, Duration.ofSeconds(1), 1_000_000));

    public LimitSettings {
        EnumMap<Limit, Rate> all = new EnumMap<>(Limit.class);
        for (Limit l : Limit.values()) {
            all.put(l, l.defaultRate());
        }
        all.putAll(Objects.requireNonNull(rates, "rates"));
        rates = Collections.unmodifiableMap(all);
        Objects.requireNonNull(chatRetention, "chatRetention");
        Objects.requireNonNull(housekeeping, "housekeeping");
        Objects.requireNonNull(refusalLogWindow, "refusalLogWindow");
        if (chatRetention.isNegative() || chatRetention.isZero()) {
            throw new IllegalArgumentException("chat retention must be positive: " + chatRetention);
        }
        if (chatQuotaBytes < 1) {
            throw new IllegalArgumentException("the chat quota must be at least 1 byte: " + chatQuotaBytes);
        }
        if (housekeeping.isNegative() || housekeeping.isZero() || refusalLogWindow.isNegative()
                || refusalLogWindow.isZero()) {
            throw new IllegalArgumentException("limit housekeeping and refusal log window must be positive");
        }
    }

    public Rate rate(Limit limit) {
        return rates.get(limit);
    }

    public LimitSettings with(Limit limit, Rate rate) {
        EnumMap<Limit, Rate> copy = new EnumMap<>(rates);
        copy.put(limit, rate);
        return new LimitSettings(copy, inviteRequired, chatRetention, chatQuotaBytes, housekeeping, refusalLogWindow);
    }

    public LimitSettings withAllRates(Rate rate) {
        EnumMap<Limit, Rate> copy = new EnumMap<>(Limit.class);
        for (Limit l : Limit.values()) {
            copy.put(l, rate);
        }
        return new LimitSettings(copy, inviteRequired, chatRetention, chatQuotaBytes, housekeeping, refusalLogWindow);
    }

    public LimitSettings withInviteRequired(boolean required) {
        return new LimitSettings(rates, required, chatRetention, chatQuotaBytes, housekeeping, refusalLogWindow);
    }

    public LimitSettings withChat(Duration retention, long quotaBytes) {
        return new LimitSettings(rates, inviteRequired, retention, quotaBytes, housekeeping, refusalLogWindow);
    }

    public LimitSettings withHousekeeping(Duration interval) {
        return new LimitSettings(rates, inviteRequired, chatRetention, chatQuotaBytes, interval, refusalLogWindow);
    }

    public LimitSettings withRefusalLogWindow(Duration window) {
        return new LimitSettings(rates, inviteRequired, chatRetention, chatQuotaBytes, housekeeping, window);
    }
}
