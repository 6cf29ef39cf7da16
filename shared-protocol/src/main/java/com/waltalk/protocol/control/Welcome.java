package com.waltalk.protocol.control;

import java.util.Objects;

/**
 * Relay → client, the answer to an accepted {@link Hello}. The connection is not signed in yet.
 * Wire type {@link MessageType#WELCOME}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param protocol the protocol version the relay will speak on this connection, at least 1
 * @param relayId identifies the relay instance, for diagnostics
 * @param serverTimeMicros the relay's clock in microseconds since the Unix epoch, so the client
 *     can estimate clock offset
 * @param registrationOpen whether this relay accepts {@link Register}; if not, a register is
 *     answered {@code registration_closed}
 */
public record Welcome(int protocol, String relayId, long serverTimeMicros,
        boolean registrationOpen) implements ControlMessage {

    /**
     * @throws IllegalArgumentException if {@code protocol < 1}
     * @throws NullPointerException if {@code relayId} is {@code null}
     */
    public Welcome {
        if (protocol < 1) {
            throw new IllegalArgumentException("protocol must be at least 1, got " + protocol);
        }
        Objects.requireNonNull(relayId, "relayId");
    }

    @Override
    public MessageType type() {
        return MessageType.WELCOME;
    }
}
