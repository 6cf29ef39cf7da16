package com.waltalk.protocol;

import java.util.Objects;

/**
 * A received message broke the protocol; {@link #code()} says how.
 *
 * <p>This is the only exception the decoders throw for bad input. It reports untrusted input,
 * not a bug, and a misbehaving peer may cause one per message, so it records no stack trace.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code what was wrong, not {@code null}
     * @param message a human-readable detail, suitable for sending back to the peer
     */
    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * @param code what was wrong, not {@code null}
     * @param message a human-readable detail, suitable for sending back to the peer
     * @param cause the underlying failure, may be {@code null}
     */
    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** What was wrong with the message. */
    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return getClass().getName() + "[" + code.wire() + "]: " + getMessage();
    }
}
