package com.waltalk.protocol.control;

/**
 * Either direction: the answer to the {@link Ping} with the same {@code id}. Wire type
 * {@link MessageType#PONG}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id chosen by the pinging side, any 64-bit value
 */
public record Pong(long id) implements ControlMessage {

    @Override
    public MessageType type() {
        return MessageType.PONG;
    }
}
