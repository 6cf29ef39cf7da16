package com.waltalk.relay.cli;

import com.waltalk.relay.limits.Limit;
import com.waltalk.relay.limits.LimitSettings;
import com.waltalk.relay.limits.Rate;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code relay serve}'s abuse-limit options (docs/OPERATIONS.md §12.4): one {@code --limit-…} per
 * {@link Limit} (its option and environment variable are named by the enum; {@code LimitOptionsTest}
 * checks they match), chat retention and quota. One instance per invocation.
 */
final class LimitOptions {

    @Option(names = "--limit-registrations", defaultValue = "${env:WALTALK_LIMIT_REGISTRATIONS:-5/1h}",
            converter = RateConverter.class,
            description = "accounts registered per source address, <count>/<period>[:<burst>] "
                    + "(env WALTALK_LIMIT_REGISTRATIONS, default ${DEFAULT-VALUE})")
    Rate registrations;

    @Option(names = "--limit-sign-in-pair", defaultValue = "${env:WALTALK_LIMIT_SIGN_IN_PAIR:-5/15m}",
            converter = RateConverter.class,
            description = "password sign-ins per user name and source address; a success resets it "
                    + "(env WALTALK_LIMIT_SIGN_IN_PAIR, default ${DEFAULT-VALUE})")
    Rate signInPair;

    @Option(names = "--limit-sign-in-address", defaultValue = "${env:WALTALK_LIMIT_SIGN_IN_ADDRESS:-60/1h:30}",
            converter = RateConverter.class,
            description = "password sign-ins per source address, whatever the user name "
                    + "(env WALTALK_LIMIT_SIGN_IN_ADDRESS, default ${DEFAULT-VALUE})")
    Rate signInAddress;

    @Option(names = "--limit-sign-in-account", defaultValue = "${env:WALTALK_LIMIT_SIGN_IN_ACCOUNT:-100/1h}",
            converter = RateConverter.class,
            description = "password sign-ins per user name from addresses that never signed in to it "
                    + "(env WALTALK_LIMIT_SIGN_IN_ACCOUNT, default ${DEFAULT-VALUE})")
    Rate signInAccount;

    @Option(names = "--limit-rings-per-callee", defaultValue = "${env:WALTALK_LIMIT_RINGS_PER_CALLEE:-3/1m}",
            converter = RateConverter.class,
            description = "calls started per caller to the same callee "
                    + "(env WALTALK_LIMIT_RINGS_PER_CALLEE, default ${DEFAULT-VALUE})")
    Rate ringsPerCallee;

    @Option(names = "--limit-rings", defaultValue = "${env:WALTALK_LIMIT_RINGS:-30/1h:10}",
            converter = RateConverter.class,
            description = "calls started per caller (env WALTALK_LIMIT_RINGS, default ${DEFAULT-VALUE})")
    Rate rings;

    @Option(names = "--limit-chat-sent", defaultValue = "${env:WALTALK_LIMIT_CHAT_SENT:-5/1s:20}",
            converter = RateConverter.class,
            description = "chat messages sent per account, over all its connections "
                    + "(env WALTALK_LIMIT_CHAT_SENT, default ${DEFAULT-VALUE})")
    Rate chatSent;

    @Option(names = "--limit-chat-received", defaultValue = "${env:WALTALK_LIMIT_CHAT_RECEIVED:-5/1s:30}",
            converter = RateConverter.class,
            description = "chat messages received per account from all senders together "
                    + "(env WALTALK_LIMIT_CHAT_RECEIVED, default ${DEFAULT-VALUE})")
    Rate chatReceived;

    @Option(names = "--limit-contact-requests", defaultValue = "${env:WALTALK_LIMIT_CONTACT_REQUESTS:-50/1d}",
            converter = RateConverter.class,
            description = "contact requests sent per account "
                    + "(env WALTALK_LIMIT_CONTACT_REQUESTS, default ${DEFAULT-VALUE})")
    Rate contactRequests;

    @Option(names = "--chat-retention", defaultValue = "${env:WALTALK_CHAT_RETENTION:-365d}",
            converter = Converters.DurationConverter.class,
            description = "chat messages older than this are deleted (env WALTALK_CHAT_RETENTION, default ${DEFAULT-VALUE})")
    Duration chatRetention;

    @Option(names = "--chat-quota", defaultValue = "${env:WALTALK_CHAT_QUOTA:-50MB}",
            converter = ByteSizeConverter.class,
            description = "message bodies stored per sender; beyond it the sender's oldest messages are deleted "
                    + "(env WALTALK_CHAT_QUOTA, default ${DEFAULT-VALUE})")
    long chatQuota;

    LimitSettings settings(boolean inviteRequired) {
        Map<Limit, Rate> rates = new EnumMap<>(Limit.class);
        rates.put(Limit.REGISTRATIONS, registrations);
        rates.put(Limit.SIGN_IN_PAIR, signInPair);
        rates.put(Limit.SIGN_IN_ADDRESS, signInAddress);
        rates.put(Limit.SIGN_IN_ACCOUNT, signInAccount);
        rates.put(Limit.RINGS_PER_CALLEE, ringsPerCallee);
        rates.put(Limit.RINGS, rings);
        rates.put(Limit.CHAT_SENT, chatSent);
        rates.put(Limit.CHAT_RECEIVED, chatReceived);
        rates.put(Limit.CONTACT_REQUESTS, contactRequests);
        return new LimitSettings(rates, inviteRequired, chatRetention, chatQuota, LimitSettings.DEFAULT_HOUSEKEEPING,
                LimitSettings.DEFAULT_REFUSAL_LOG_WINDOW);
    }

    /** {@code <count>/<period>[:<burst>]}. */
    static final class RateConverter implements ITypeConverter<Rate> {
        @Override
        public Rate convert(String value) {
            try {
                return Rate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    /** {@code 50MB}, {@code 512KB}, {@code 1GB}, bytes without a unit (binary multiples: 1 MB = 1,048,576 bytes). */
    static final class ByteSizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size (e.g. 50MB, 512KB, 1GB)");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(java.util.Locale.ROOT);
            long size = switch (unit) {
                case "KB" -> n << 10;
                case "MB" -> n << 20;
                case "GB" -> n << 30;
                default -> n;
            };
            if (size < 1) {
                throw new TypeConversionException("a size must be at least 1 byte: '" + value + "'");
            }
            return size;
        }
    }
}
