package com.waltalk.protocol.control;

import java.util.Objects;

/**
 * Relay → client: the current state of a call the receiver takes part in, sent to both parties
 * whenever anything about the call changes. Also the element of {@link CallHistory}. Wire type
 * {@link MessageType#CALL}.
 *
 * <p>The codec writes {@code state} as its {@linkplain CallState#wire() wire string} and rejects
 * any other string with {@code bad_field}. It does not check the fields against each other (for
 * example that a final call has {@code endedAtMicros}); that is the relay's job.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param callId the call, at least 1
 * @param caller who started the call; a valid user name
 * @param callee who was called; a valid user name
 * @param state where the call is in its life
 * @param createdAtMicros when the call was started, µs since the Unix epoch (relay clock)
 * @param answeredAtMicros when it was accepted, or {@code null} if it never was (optional on
 *     the wire)
 * @param endedAtMicros when it reached a final state, or {@code null} while it is ringing or
 *     accepted (optional on the wire)
 * @param endedBy the user whose action ended it (a valid user name), or {@code null} if it is
 *     not final or no user ended it ({@code missed}, {@code busy}) (optional on the wire)
 * @param callerMedia the caller's media flags
 * @param calleeMedia the callee's media flags
 */
public record CallUpdate(long callId, String caller, String callee, CallState state,
        long createdAtMicros, Long answeredAtMicros, Long endedAtMicros, String endedBy,
        MediaFlags callerMedia, MediaFlags calleeMedia) implements ControlMessage {

    /**
     * @throws IllegalArgumentException if {@code callId}, {@code caller}, {@code callee} or a
     *     non-null {@code endedBy} is invalid
     * @throws NullPointerException if {@code state}, {@code callerMedia} or {@code calleeMedia}
     *     is {@code null}
     */
    public CallUpdate {
        FieldRules.require(() -> {
            FieldRules.id("callId", callId);
            FieldRules.user("caller", caller);
            FieldRules.user("callee", callee);
            if (endedBy != null) {
                FieldRules.user("endedBy", endedBy);
            }
        });
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(callerMedia, "callerMedia");
        Objects.requireNonNull(calleeMedia, "calleeMedia");
    }

    @Override
    public MessageType type() {
        return MessageType.CALL;
    }
}
