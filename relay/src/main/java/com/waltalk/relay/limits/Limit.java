package com.waltalk.relay.limits;

/**
 * Every shared limit of the relay: what it counts, the shape of its bucket keys in the
 * {@code rate_limits} table, its default {@link Rate}, and the relay setting that changes it
 * ({@code relay serve --limit-…} / {@code WALTALK_LIMIT_…}). docs/OPERATIONS.md §12.4 lists them
 * with the reasons for their defaults.
 *
 * <p>Subjects are account ids, case-folded user names and source addresses ({@link SourceAddress}:
 * IPv4 as is, IPv6 by /64). A key is the prefix, a colon and the subject; pair limits join two
 * subjects with {@code |}.
 */
public enum Limit {

    /** Accounts created per source address (every {@code register} that reaches the check counts). */
    REGISTRATIONS("register.addr", Rate.parse("5/1h"), "registrations",
            "accounts registered per source address"),
    /** Password sign-ins per (user name, source address): what locks a guesser out, not the owner elsewhere. */
    SIGN_IN_PAIR("signin.pair", Rate.parse("5/15m"), "sign-in-pair",
            "failed password sign-ins per user name and source address"),
    /** Password sign-ins per source address, across every user name. */
    SIGN_IN_ADDRESS("signin.addr", Rate.parse("60/1h:30"), "sign-in-address",
            "failed password sign-ins per source address, whatever the user name"),
    /**
     * Password sign-ins per user name from addresses that never signed in to it successfully: slows a
     * guess spread over many addresses; the owner's known addresses are exempt.
     */
    SIGN_IN_ACCOUNT("signin.account", Rate.parse("100/1h"), "sign-in-account",
            "failed password sign-ins per user name from addresses it never signed in from"),
    /** Calls started per caller to one callee. */
    RINGS_PER_CALLEE("ring.pair", Rate.parse("3/1m"), "rings-per-callee",
            "calls started per caller to the same callee"),
    /** Calls started per caller, to anyone. */
    RINGS("ring.caller", Rate.parse("30/1h:10"), "rings",
            "calls started per caller"),
    /** Chat messages per sender account, across its connections and relays. */
    CHAT_SENT("chat.sender", Rate.parse("5/1s:20"), "chat-sent",
            "chat messages sent per account"),
    /** Chat messages per recipient, across all senders: many accounts cannot flood one person. */
    CHAT_RECEIVED("chat.recipient", Rate.parse("5/1s:30"), "chat-received",
            "chat messages received per account, from all senders together"),
    /** Contact requests per account. */
    CONTACT_REQUESTS("contact.request", Rate.parse("50/1d"), "contact-requests",
            "contact requests sent per account");

    private final String keyPrefix;
    private final Rate defaultRate;
    private final String setting;
    private final String description;

    Limit(String keyPrefix, Rate defaultRate, String setting, String description) {
        this.keyPrefix = keyPrefix;
        this.defaultRate = defaultRate;
        this.setting = setting;
        this.description = description;
    }

    /** The bucket key of {@code subject} (an account id, a case-folded name, an address, or two joined by |). */
    public String key(String subject) {
        return keyPrefix + ":" + subject;
    }

    /** The bucket key of a pair of subjects. */
    public String key(String first, String second) {
        return keyPrefix + ":" + first + "|" + second;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public Rate defaultRate() {
        return defaultRate;
    }

    /** The command-line option, {@code --limit-<setting>}. */
    public String option() {
        return "--limit-" + setting;
    }

    /** The environment variable, {@code WALTALK_LIMIT_<SETTING>}. */
    public String environmentVariable() {
        return "WALTALK_LIMIT_" + setting.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    public String description() {
        return description;
    }
}
