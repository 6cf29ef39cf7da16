package com.waltalk.protocol.control;

/**
 * Relay → client, the answer to an accepted {@link Register} or {@link SignIn}: the connection
 * is now signed in as {@code user}. Wire type {@link MessageType#SIGNED_IN}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user the user name the connection is signed in as
 * @param token a session token for a later {@link SignIn} without password: 16..200
 *     characters from {@code [A-Za-z0-9_-]}; a secret
 * @param tokenExpiresAtMicros when the token stops being accepted, µs since the Unix epoch
 */
public record SignedIn(String user, String token, long tokenExpiresAtMicros)
        implements ControlMessage {

    /** @throws IllegalArgumentException if {@code user} or {@code token} is invalid */
    public SignedIn {
        FieldRules.require(() -> {
            FieldRules.user("user", user);
            FieldRules.token("token", token);
        });
    }

    @Override
    public MessageType type() {
        return MessageType.SIGNED_IN;
    }

    /** Like the generated one, but never shows the token. */
    @Override
    public String toString() {
        return "SignedIn[user=" + user + ", token=***, tokenExpiresAtMicros="
                + tokenExpiresAtMicros + "]";
    }
}
