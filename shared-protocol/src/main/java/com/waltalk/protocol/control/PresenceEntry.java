package com.waltalk.protocol.control;

/**
 * One user's presence in a {@link Directory}: the same properties as a {@link Presence}
 * message, without {@code type}.
 *
 * <p>{@code status} is kept as its wire string, like {@link ErrorMessage#code()}; it is always
 * a known {@link PresenceStatus} (see {@link #presenceStatus()}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user a valid user name
 * @param status a {@linkplain PresenceStatus#wire() presence status wire string}
 */
public record PresenceEntry(String user, String status) {

    /** @throws IllegalArgumentException if {@code user} or {@code status} is invalid */
    public PresenceEntry {
        FieldRules.require(() -> {
            FieldRules.user("user", user);
            FieldRules.presenceStatus("status", status);
        });
    }

    /** An entry with a known status. */
    public static PresenceEntry of(String user, PresenceStatus status) {
        return new PresenceEntry(user, status.wire());
    }

    /** The status as an enum constant. */
    public PresenceStatus presenceStatus() {
        return PresenceStatus.fromWire(status).orElseThrow();
    }
}
