package com.waltalk.relay.accounts;

import com.waltalk.protocol.ErrorCode;
import java.util.Objects;

/** The outcome of registering, signing in or resuming with a token. Immutable. */
public sealed interface SignInResult {

    /** Signed in as {@code account}; {@code token} lets the client resume without the password. */
    record Success(Account account, IssuedToken token) implements SignInResult {
    }

    /**
     * Refused. {@code code} is the protocol error code to answer with ({@link ErrorCode#REGISTRATION_CLOSED},
     * {@link ErrorCode#USER_EXISTS}, {@link ErrorCode#WEAK_PASSWORD}, {@link ErrorCode#BAD_USER_NAME},
     * {@link ErrorCode#BAD_CREDENTIALS} or {@link ErrorCode#THROTTLED}), {@code message} is for the user, and
     * {@code retryAfterMillis} is set only for {@code throttled} when waiting helps (it is null when the
     * connection itself has used up its attempts and must be closed).
     */
    record Failure(ErrorCode code, String message, Long retryAfterMillis) implements SignInResult {

        public Failure {
            Objects.requireNonNull(code, "code");
        }

        public Failure(ErrorCode code, String message) {
            this(code, message, null);
        }
    }
}
