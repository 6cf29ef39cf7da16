package com.waltalk.desktop.net;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ErrorMessage;

/**
 * Maps the relay's {@code error} messages to {@link Failure}s.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    /**
     * Maps by the error's {@link ErrorCode}; a code this build does not know (a newer relay's) counts as a
     * rejection, or as a protocol error when fatal.
     *
     * @param error     the relay's error
     * @param withToken whether the rejected request was a token sign-in (then {@code bad_credentials} means
     *                  the token, not the password)
     */
    public static Failure toFailure(ErrorMessage error, boolean withToken) {
        long retry = error.retryAfterMs() == null ? -1 : error.retryAfterMs();
        FailureKind kind = error.errorCode().map(code -> switch (code) {
            case BAD_CREDENTIALS -> withToken ? FailureKind.TOKEN_REJECTED : FailureKind.WRONG_CREDENTIALS;
            case USER_EXISTS -> FailureKind.USER_EXISTS;
            case REGISTRATION_CLOSED -> FailureKind.REGISTRATION_CLOSED;
            case WEAK_PASSWORD -> FailureKind.WEAK_PASSWORD;
            case BAD_USER_NAME -> FailureKind.BAD_USER_NAME;
            case THROTTLED -> FailureKind.THROTTLED;
            case OVERLOADED -> FailureKind.RELAY_BUSY;
            case RATE_LIMITED -> FailureKind.RATE_LIMITED;
            case INVITE_REQUIRED -> FailureKind.INVITE_REQUIRED;
            case UNKNOWN_PEER -> FailureKind.UNKNOWN_USER;
            case NOT_A_CONTACT -> FailureKind.NOT_A_CONTACT;
            case NO_CONTACT_REQUEST -> FailureKind.NO_CONTACT_REQUEST;
            case BAD_VERSION -> FailureKind.PROTOCOL_MISMATCH;
            case SESSION_REPLACED -> FailureKind.SESSION_REPLACED;
            case ACCOUNT_REMOVED -> FailureKind.ACCOUNT_REMOVED;
            case NOT_SIGNED_IN -> FailureKind.NOT_SIGNED_IN;
            case UNKNOWN_CALL, BAD_CALL_STATE, NOT_IN_CALL, BAD_FIELD, TOO_LARGE -> FailureKind.REJECTED;
            default -> error.fatal() ? FailureKind.PROTOCOL_ERROR : FailureKind.REJECTED;
        }).orElse(error.fatal() ? FailureKind.PROTOCOL_ERROR : FailureKind.REJECTED);
        return new Failure(kind, error.code() + ": " + error.message(), retry);
    }
}
