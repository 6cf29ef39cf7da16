package com.waltalk.protocol.control;

/**
 * Either direction: asks the other side to answer with a {@link Pong} carrying the same
 * {@code id}, to measure application-level round-trip time. Wire type {@link MessageType#PING}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id chosen by the pinging side, any 64-bit value
 */
public record Ping(long id) implements ControlMessage {

    @Override
    public MessageType type() {
        return MessageType.PING;
    }
}
