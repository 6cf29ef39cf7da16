package com.waltalk.protocol.control;

import java.util.Objects;
import java.util.Optional;

/**
 * Whom a {@link CallEvent} is attributed to: one of the call's two parties, or the relay acting on
 * a rule of its own (the ring timeout). The actor of a final transition is who ended the call, the
 * {@code endedBy} of {@link CallUpdate}, unless it is the relay.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CallActor {
    /** The user who started the call. */
    CALLER,
    /** The user who was called. */
    CALLEE,
    /** The relay itself, on behalf of nobody. */
    RELAY;

    /** Whether this is one of the call's two users (then it ends up as {@code endedBy}). */
    public boolean isParty() {
        return this != RELAY;
    }

    /**
     * The role {@code user} has in a call between {@code caller} and {@code callee}.
     *
     * @return {@link #CALLER}, {@link #CALLEE}, or empty if {@code user} is neither
     * @throws NullPointerException if any argument is {@code null}
     */
    public static Optional<CallActor> roleOf(String user, String caller, String callee) {
        Objects.requireNonNull(user, "user");
        if (user.equals(Objects.requireNonNull(caller, "caller"))) {
            return Optional.of(CALLER);
        }
        return user.equals(Objects.requireNonNull(callee, "callee")) ? Optional.of(CALLEE)
                : Optional.empty();
    }
}
