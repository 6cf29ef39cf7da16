package com.waltalk.protocol.control;

/**
 * Client → relay: the callee declines the ringing call {@code callId}, which becomes
 * {@code declined}; both parties receive a {@link CallUpdate}.
 * Wire type {@link MessageType#CALL_DECLINE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param callId the call, at least 1
 */
public record CallDecline(long callId) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code callId < 1} */
    public CallDecline {
        FieldRules.require(() -> FieldRules.id("callId", callId));
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_DECLINE;
    }
}
