package com.waltalk.protocol;

import java.util.Optional;

/**
 * The WebSocket close codes WalTalk's relay closes a connection with, and what each means (the
 * table in docs/PROTOCOL.md, "WebSocket close codes"). RFC 6455 codes (1000–1011) that the relay
 * or its WebSocket library send, and WalTalk's own codes in the private range 4000–4999. Both
 * sides use this type: the relay to close, the client to tell a person why.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CloseCode {
    /** Normal closure, including after {@code sign_out}. */
    NORMAL(1000),
    /** The relay is shutting down. */
    GOING_AWAY(1001),
    /** WebSocket protocol error, e.g. an unmasked client frame (RFC 6455 §5.1). */
    PROTOCOL_ERROR(1002),
    /**
     * Policy violation: unsupported protocol version, no sign-in within the timeout, repeated
     * protocol errors, a media flood, too many failed sign-ins.
     */
    POLICY(1008),
    /** A WebSocket message larger than the transport accepts. */
    TOO_BIG(1009),
    /** Internal relay error. */
    INTERNAL_ERROR(1011),
    /** Session replaced by a newer sign-in of the same user. */
    SESSION_REPLACED(4000),
    /** Client too slow: it could not keep up even with audio and control messages. */
    TOO_SLOW(4001),
    /** The signed-in account was removed by the relay's operator ({@code account_removed}). */
    ACCOUNT_REMOVED(4002);

    private static final CloseCode[] ALL = values();

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    /** The number sent in the WebSocket close frame. */
    public int code() {
        return code;
    }

    /**
     * Looks up a close code by its number.
     *
     * @return the constant, or empty for a number WalTalk does not define (e.g. 1006, which no
     *     endpoint sends: it stands for "closed without a close frame")
     */
    public static Optional<CloseCode> of(int code) {
        for (CloseCode c : ALL) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
