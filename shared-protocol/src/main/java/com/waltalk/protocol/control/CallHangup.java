package com.waltalk.protocol.control;

/**
 * Client → relay: a party hangs up call {@code callId}. A ringing call becomes
 * {@code cancelled} when the caller hangs up ({@code declined} when the callee does), an
 * accepted call {@code ended}; both parties receive a {@link CallUpdate}. Wire type
 * {@link MessageType#CALL_HANGUP}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param callId the call, at least 1
 */
public record CallHangup(long callId) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code callId < 1} */
    public CallHangup {
        FieldRules.require(() -> FieldRules.id("callId", callId));
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_HANGUP;
    }
}
