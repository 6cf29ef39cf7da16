package com.waltalk.protocol.control;

/**
 * Client → relay: which of the client's media are switched on in an accepted call. The relay
 * records it and sends both parties a {@link CallUpdate} with the new {@link MediaFlags}. Wire
 * type {@link MessageType#MEDIA_STATE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param callId the sender's accepted call, at least 1
 * @param videoOn whether the camera is sending
 * @param audioOn whether the microphone is sending
 */
public record MediaState(long callId, boolean videoOn, boolean audioOn)
        implements ControlMessage {

    /** @throws IllegalArgumentException if {@code callId < 1} */
    public MediaState {
        FieldRules.require(() -> FieldRules.id("callId", callId));
    }

    @Override
    public MessageType type() {
        return MessageType.MEDIA_STATE;
    }
}
