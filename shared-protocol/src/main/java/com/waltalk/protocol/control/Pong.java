package com.waltalk.protocol.control;

/**
 * Either direction: the answer to the {@link Ping} with the same {@code id}. Wire type
 * {@value #TYPE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id chosen by the pinging side, any 64-bit value
 */
public record Pong(long id) implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "pong";

    @Override
    public String type() {
        return TYPE;
    }
}
