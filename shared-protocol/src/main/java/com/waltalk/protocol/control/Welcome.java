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
 * @param inviteRequired whether a {@link Register} needs an invite code from the operator
 *     ({@link Register#invite()}); without a valid one it is answered {@code invite_required}.
 *     Only meaningful when {@code registrationOpen}; absent on the wire means {@code false}
 */
public record Welcome(int protocol, String relayId, long serverTimeMicros,
        boolean registrationOpen, boolean inviteRequired) implements ControlMessage {

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

    /** A welcome of a relay whose registration, if open, needs no invite code. */
    public Welcome(int protocol, String relayId, long serverTimeMicros, boolean registrationOpen) {
        this(protocol, relayId, serverTimeMicros, registrationOpen, false);
    }

    @Override
    public MessageType type() {
        return MessageType.WELCOME;
    }
}
