package com.waltalk.protocol;

import java.util.Optional;

/**
 * Why a protocol message was rejected.
 *
 * <p>Each constant has a stable lowercase {@linkplain #wire() wire string}, sent in the
 * {@code code} field of an {@code error} control message; it never changes once released, while
 * constant names and {@linkplain #description() descriptions} may.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum ErrorCode {
    TRUNCATED("truncated", "The message ended before a complete header or payload."),
    BAD_VERSION("bad_version", "The protocol version is not supported."),
    UNKNOWN_KIND("unknown_kind", "The media kind is not known."),
    TOO_LARGE("too_large", "The message or its payload exceeds the size limit."),
    BAD_FIELD("bad_field", "A field is missing, has the wrong type or is out of range."),
    BAD_JSON("bad_json", "The control message is not a well-formed JSON object."),
    UNKNOWN_TYPE("unknown_type", "The control message type is not known."),
    NOT_SIGNED_IN("not_signed_in", "The message requires a completed sign-in first."),
    ALREADY_SIGNED_IN("already_signed_in",
            "This connection has already completed this step (hello or sign-in)."),
    BAD_USER_NAME("bad_user_name", "The user name is empty, too long or has forbidden characters."),
    UNKNOWN_PEER("unknown_peer", "The addressed peer is not known."),
    SESSION_REPLACED("session_replaced", "A newer connection signed in as the same user."),
    OVERLOADED("overloaded", "The relay is overloaded and dropped the message."),
    UNSUPPORTED_MESSAGE("unsupported_message", "The message is valid but not accepted here."),
    INTERNAL("internal", "The relay failed internally."),
    BAD_CREDENTIALS("bad_credentials", "The user name, password or token is not valid."),
    THROTTLED("throttled", "Too many failed sign-in attempts; retry after retryAfterMs."),
    REGISTRATION_CLOSED("registration_closed", "This relay does not accept new accounts."),
    USER_EXISTS("user_exists", "An account with this user name already exists."),
    WEAK_PASSWORD("weak_password", "The password does not meet the relay's requirements."),
    RATE_LIMITED("rate_limited", "Too many messages of this kind; retry after retryAfterMs."),
    UNKNOWN_CALL("unknown_call", "No call with this id that the user takes part in."),
    BAD_CALL_STATE("bad_call_state", "The call action is not allowed in the call's state."),
    NOT_IN_CALL("not_in_call", "Media needs an accepted call with the addressed peer."),
    SIGN_IN_TIMEOUT("sign_in_timeout", "The connection did not sign in within the timeout."),
    ACCOUNT_REMOVED("account_removed", "The signed-in account was removed by an operator."),
    NOT_A_CONTACT("not_a_contact", "Calls and chat need the other user as a contact."),
    NO_CONTACT_REQUEST("no_contact_request", "The other user has not asked to become contacts."),
    INVITE_REQUIRED("invite_required", "Registration on this relay needs a valid invite code.");

    private static final ErrorCode[] ALL = values();

    private final String wire;
    private final String description;

    ErrorCode(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    /** The stable lowercase string that identifies this code on the wire. */
    public String wire() {
        return wire;
    }

    /** A one-line human-readable explanation of this code. */
    public String description() {
        return description;
    }

    /**
     * Looks up a code by its wire string.
     *
     * @param wire the wire string, may be {@code null}
     * @return the code, or empty if {@code wire} is {@code null} or not a known code (a newer
     *     peer may send codes this build does not know)
     */
    public static Optional<ErrorCode> fromWire(String wire) {
        for (ErrorCode code : ALL) {
            if (code.wire.equals(wire)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
