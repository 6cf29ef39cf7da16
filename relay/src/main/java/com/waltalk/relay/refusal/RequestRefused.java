package com.waltalk.relay.refusal;

import com.waltalk.protocol.ErrorCode;
import java.util.Objects;

/**
 * A client request the relay's rules refuse (not a failure): the message names the reason for the
 * client, {@link #code()} is the protocol error code to answer with. Stores throw it; the session
 * layer turns it into an {@code error} message.
 *
 * <p>It reports a client's mistake, which a client may make on every message, so it records no
 * stack trace. Thread-safety: immutable.
 */
public final class RequestRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Long retryAfterMillis;

    /**
     * @param code    the error code to answer with, not {@code null}
     * @param message the reason, for the client
     */
    public RequestRefused(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * A refusal the client may retry after a while ({@code rate_limited}, {@code throttled}).
     *
     * @param retryAfterMillis when to try again, or {@code null}
     */
    public RequestRefused(ErrorCode code, String message, Long retryAfterMillis) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterMillis = retryAfterMillis;
    }

    /** The protocol error code to answer the refused request with. */
    public ErrorCode code() {
        return code;
    }

    /** Milliseconds after which the request may succeed, or {@code null} if waiting does not help. */
    public Long retryAfterMillis() {
        return retryAfterMillis;
    }
}
