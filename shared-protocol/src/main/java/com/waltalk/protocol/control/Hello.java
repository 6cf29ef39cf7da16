package com.waltalk.protocol.control;

/**
 * Client → relay, first message on a connection: negotiates the protocol version. It carries
 * no identity; the connection signs in afterwards with {@link Register} or {@link SignIn}. Wire
 * type {@link MessageType#HELLO}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param protocol the protocol version the client speaks, at least 1; the relay decides whether
 *     it is supported
 * @param client free-form client description such as {@code "WalTalk-desktop/0.1"}, or
 *     {@code null} (optional on the wire)
 */
public record Hello(int protocol, String client) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code protocol < 1} */
    public Hello {
        if (protocol < 1) {
            throw new IllegalArgumentException("protocol must be at least 1, got " + protocol);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }
}
