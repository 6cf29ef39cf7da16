package com.waltalk.desktop.connection;

import com.waltalk.protocol.Limits;

/**
 * Why a connection, a sign-in or a command failed, in terms a UI can show and act on.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum FailureKind {
    /** The relay could not be reached: unknown host, connection refused, timed out. */
    RELAY_UNREACHABLE("The relay cannot be reached."),
    /** Something answered, but not as a WalTalk relay (no WebSocket upgrade, plain ws:// on a wss:// port...). */
    NOT_A_RELAY("The server did not answer like a WalTalk relay."),
    /** The relay's certificate is not trusted (self-signed or unknown issuer, and not in the configured trust store). */
    TLS_UNTRUSTED_CERTIFICATE("The relay's certificate is not trusted."),
    /** The relay's certificate is trusted but was issued for another host name. */
    TLS_HOSTNAME_MISMATCH("The relay's certificate is for a different host name."),
    /** The relay's certificate has expired or is not yet valid. */
    TLS_CERTIFICATE_EXPIRED("The relay's certificate has expired or is not yet valid."),
    /** The TLS handshake failed for another reason (protocol, cipher, a server that does not speak TLS). */
    TLS_HANDSHAKE_FAILED("The secure connection to the relay failed."),
    /** The configured trust store file cannot be read (missing, wrong password, not PKCS12/PEM). */
    TRUST_STORE_INVALID("The trust store cannot be read."),
    /** Wrong user name or password (the relay does not say which). */
    WRONG_CREDENTIALS("Wrong user name or password."),
    /** The stored token was refused (expired, revoked, or from another relay): sign in with the password. */
    TOKEN_REJECTED("The saved sign-in has expired; please sign in again."),
    /** Registration: the user name is taken. */
    USER_EXISTS("This user name is already taken."),
    /** Registration: the relay does not accept new accounts. */
    REGISTRATION_CLOSED("This relay does not accept new accounts."),
    /** Registration: the relay refused the password (too short, say). */
    WEAK_PASSWORD("The relay does not accept this password."),
    /** The user name is empty, too long or has characters outside {@code A-Z a-z 0-9 _ . -}. */
    BAD_USER_NAME("User names are 1 to " + Limits.MAX_USER_NAME_BYTES
            + " characters: letters, digits, '_', '.' and '-'."),
    /** Registration: the relay registers new accounts by invitation only, and no valid unused invite code was given. */
    INVITE_REQUIRED("This relay needs an invite code to create an account."),
    /** Too many failed sign-ins; {@link Failure#retryAfterMillis()} says when to try again. */
    THROTTLED("Too many failed attempts; try again later."),
    /** The relay is busy (password checks) or this client is over a rate limit; retry after a while. */
    RELAY_BUSY("The relay is busy; try again in a moment."),
    /**
     * Over one of the relay's rate limits (control messages, chat, contact requests per day...); the message was
     * dropped. {@link Failure#retryAfterMillis()} says when to try again.
     */
    RATE_LIMITED("You are doing this too often; try again later."),
    /** The relay speaks another protocol version. */
    PROTOCOL_MISMATCH("The relay speaks a different protocol version; update the app or the relay."),
    /** The same user signed in elsewhere; this session ended and does not reconnect. */
    SESSION_REPLACED("You signed in on another device or window."),
    /** The relay's operator removed this account; the session ended and does not reconnect. */
    ACCOUNT_REMOVED("Your account was removed from this relay."),
    /** The connection dropped (network, relay restart); the session reconnects on its own. */
    CONNECTION_LOST("The connection to the relay was lost."),
    /** The relay ended the session because of a protocol violation (a bug on one side). */
    PROTOCOL_ERROR("The relay closed the connection after a protocol error."),
    /** A command named a user nobody on this relay is called ({@code unknown_peer}). */
    UNKNOWN_USER("Nobody has this user name on this relay."),
    /** A call or chat to someone who is not (or not yet) a contact ({@code not_a_contact}). */
    NOT_A_CONTACT("You can only call and message your contacts."),
    /** Accepting a contact request that is not there (any more) ({@code no_contact_request}). */
    NO_CONTACT_REQUEST("There is no contact request to accept."),
    /** A command was refused by the relay (unknown user, call state changed meanwhile...). */
    REJECTED("The relay refused the request."),
    /** The command needs a signed-in session. */
    NOT_SIGNED_IN("Not signed in.");

    private final String defaultMessage;

    FailureKind(String defaultMessage) {
        this.defaultMessage = defaultMessage;
    }

    /** A short English sentence for a UI that has no better text of its own. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
