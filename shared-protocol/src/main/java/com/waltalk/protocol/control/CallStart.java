package com.waltalk.protocol.control;

/**
 * Client → relay: calls another user. The relay creates the call and sends both parties a
 * {@link CallUpdate} ({@code ringing}, or {@code busy} if the callee is already in a call). Wire
 * type {@link MessageType#CALL_START}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param to the callee; a valid user name
 */
public record CallStart(String to) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code to} is not a valid user name */
    public CallStart {
        FieldRules.require(() -> FieldRules.user("to", to));
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_START;
    }
}
