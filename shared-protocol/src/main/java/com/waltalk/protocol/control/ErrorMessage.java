package com.waltalk.protocol.control;

import com.waltalk.protocol.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * Relay → client: a message was rejected or the session is ending.
 * Wire type {@link MessageType#ERROR}.
 *
 * <p>{@code code} is kept as a string so that a client can receive codes added by a newer relay;
 * {@link #errorCode()} maps it to a known {@link ErrorCode}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param code the {@linkplain ErrorCode#wire() wire string} of the error code
 * @param message human-readable detail
 * @param fatal whether the relay closes the connection after sending this
 * @param retryAfterMs how many milliseconds the client should wait before trying again, at least
 *     0, or {@code null} (optional on the wire); set with {@code throttled} and
 *     {@code rate_limited}
 */
public record ErrorMessage(String code, String message, boolean fatal, Long retryAfterMs)
        implements ControlMessage {

    /**
     * @throws NullPointerException if {@code code} or {@code message} is {@code null}
     * @throws IllegalArgumentException if {@code retryAfterMs} is negative
     */
    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        FieldRules.require(() -> FieldRules.optionalNonNegative("retryAfterMs", retryAfterMs));
    }

    /** An error message without {@code retryAfterMs}. */
    public ErrorMessage(String code, String message, boolean fatal) {
        this(code, message, fatal, null);
    }

    /** An error message carrying a known code, without {@code retryAfterMs}. */
    public static ErrorMessage of(ErrorCode code, String message, boolean fatal) {
        return new ErrorMessage(code.wire(), message, fatal, null);
    }

    /**
     * An error message carrying a known code and a retry delay (for {@code throttled} and
     * {@code rate_limited}).
     *
     * @throws IllegalArgumentException if {@code retryAfterMs} is negative
     */
    public static ErrorMessage of(ErrorCode code, String message, boolean fatal,
            long retryAfterMs) {
        return new ErrorMessage(code.wire(), message, fatal, retryAfterMs);
    }

    /** The known code, or empty if this build does not know {@link #code()}. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.fromWire(code);
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
