package com.waltalk.protocol.control;

/**
 * Client → relay: the callee accepts the ringing call {@code callId}, which becomes
 * {@code accepted}; both parties receive a {@link CallUpdate}.
 * Wire type {@link MessageType#CALL_ACCEPT}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param callId the call, at least 1
 */
public record CallAccept(long callId) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code callId < 1} */
    public CallAccept {
        FieldRules.require(() -> FieldRules.id("callId", callId));
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_ACCEPT;
    }
}
