package com.waltalk.protocol.control;

/**
 * Client → relay, to be forwarded to the peer: which of the client's media are switched on.
 * Wire type {@value #TYPE}. A relay that does not forward it yet answers
 * {@code unsupported_message}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param videoOn whether the camera is sending
 * @param audioOn whether the microphone is sending
 */
public record MediaState(boolean videoOn, boolean audioOn) implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "media_state";

    @Override
    public String type() {
        return TYPE;
    }
}
