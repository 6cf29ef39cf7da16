package com.waltalk.protocol.control;

/**
 * Relay → client: another user's presence changed (or a new user registered). Wire type
 * {@link MessageType#PRESENCE}.
 *
 * <p>{@code status} is kept as its wire string, like {@link ErrorMessage#code()}; it is always
 * a known {@link PresenceStatus} (see {@link #presenceStatus()}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user a valid user name
 * @param status a {@linkplain PresenceStatus#wire() presence status wire string}
 */
public record Presence(String user, String status) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code user} or {@code status} is invalid */
    public Presence {
        FieldRules.require(() -> {
            FieldRules.user("user", user);
            FieldRules.presenceStatus("status", status);
        });
    }

    /** A presence message with a known status. */
    public static Presence of(String user, PresenceStatus status) {
        return new Presence(user, status.wire());
    }

    /** The status as an enum constant. */
    public PresenceStatus presenceStatus() {
        return PresenceStatus.fromWire(status).orElseThrow();
    }

    @Override
    public MessageType type() {
        return MessageType.PRESENCE;
    }
}
