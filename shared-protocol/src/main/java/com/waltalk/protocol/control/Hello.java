package com.waltalk.protocol.control;

import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.UserNames;

/**
 * Client → relay, first message on a connection: signs in as {@code user}. Wire type
 * {@value #TYPE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param protocol the protocol version the client speaks, at least 1; the relay decides whether
 *     it is supported
 * @param user the user name to sign in as; a valid user name
 * @param client free-form client description such as {@code "WalTalk-desktop/0.1"}, or
 *     {@code null} (optional on the wire)
 */
public record Hello(int protocol, String user, String client) implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "hello";

    /** @throws IllegalArgumentException if {@code protocol < 1} or {@code user} is invalid */
    public Hello {
        if (protocol < 1) {
            throw new IllegalArgumentException("protocol must be at least 1, got " + protocol);
        }
        try {
            UserNames.validate(user);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
