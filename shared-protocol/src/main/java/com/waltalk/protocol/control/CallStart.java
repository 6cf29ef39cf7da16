package com.waltalk.protocol.control;

/**
 * Client → relay: calls another user. The relay creates the call and sends both parties a
 * {@link CallUpdate} ({@code ringing}, or {@code busy} if the callee is already in a call). Wire
 * type {@value #TYPE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param to the callee; a valid user name
 */
public record CallStart(String to) implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "call_start";

    /** @throws IllegalArgumentException if {@code to} is not a valid user name */
    public CallStart {
        FieldRules.require(() -> FieldRules.user("to", to));
    }

    @Override
    public String type() {
        return TYPE;
    }
}
