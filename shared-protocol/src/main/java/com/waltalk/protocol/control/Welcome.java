package com.waltalk.protocol.control;

import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.UserNames;
import java.util.Objects;

/**
 * Relay → client, the answer to an accepted {@link Hello}. Wire type {@value #TYPE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param protocol the protocol version the relay will speak on this connection, at least 1
 * @param user the user name the connection is signed in as
 * @param relayId identifies the relay instance, for diagnostics
 * @param serverTimeMicros the relay's clock in microseconds since the Unix epoch, so the client
 *     can estimate clock offset
 */
public record Welcome(int protocol, String user, String relayId, long serverTimeMicros)
        implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "welcome";

    /**
     * @throws IllegalArgumentException if {@code protocol < 1} or {@code user} is invalid
     * @throws NullPointerException if {@code relayId} is {@code null}
     */
    public Welcome {
        if (protocol < 1) {
            throw new IllegalArgumentException("protocol must be at least 1, got " + protocol);
        }
        try {
            UserNames.validate(user);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Objects.requireNonNull(relayId, "relayId");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
