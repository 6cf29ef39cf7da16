package com.waltalk.desktop.ui.common;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns failures into sentences a user can act on. Stateless; thread-safe.
 */
public final class FailureText {

    private FailureText() {
    }

    /** The failure inside a failed future's exception, or an "unexpected" one. */
    public static Failure unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof FailureException fe) {
            return fe.failure();
        }
        return Failure.of(FailureKind.PROTOCOL_ERROR, String.valueOf(c.getMessage() == null ? c : c.getMessage()));
    }

    /** What the sign-in screen says for a failed sign-in to {@code relay}. */
    public static String forSignIn(Failure f, String relay) {
        return switch (f.kind()) {
            case WRONG_CREDENTIALS -> "Wrong user name or password.";
            case RELAY_UNREACHABLE -> "Cannot reach the relay at " + relay
                    + ". Check the address and that the relay is running.";
            case NOT_A_RELAY -> "The server at " + relay + " is not a WalTalk relay (or needs wss:// instead of ws://).";
            case TLS_UNTRUSTED_CERTIFICATE -> "Certificate problem: the relay's certificate is not trusted. "
                    + "If the relay uses a self-signed certificate, choose its certificate file below.";
            case TLS_HOSTNAME_MISMATCH -> "Certificate problem: the relay's certificate is for a different "
                    + "host name than " + relay + ".";
            case TLS_CERTIFICATE_EXPIRED -> "Certificate problem: the relay's certificate has expired or is "
                    + "not yet valid.";
            case TLS_HANDSHAKE_FAILED -> "Certificate problem: the secure connection failed (" + f.detail() + ").";
            case TRUST_STORE_INVALID -> "The certificate file cannot be read (" + f.detail() + ").";
            case TOKEN_REJECTED -> "Your saved sign-in has expired. Please enter your password.";
            case ACCOUNT_REMOVED -> "Your account was removed from this relay by its operator.";
            case INVITE_REQUIRED -> "This relay creates accounts by invitation only. Enter the invite code "
                    + "you got from its operator.";
            case RATE_LIMITED -> "Too many attempts from here." + retry(f);
            default -> f.userMessage();
        };
    }

    /**
     * What to tell the user when a command failed: for a command about a user ({@code subject}, as the user
     * typed or picked it) a sentence that names them, else the failure's own text.
     *
     * @param command a {@link com.waltalk.desktop.session.SessionEvent.CommandFailed#command()} name
     * @param subject the user the command was about, or null
     */
    public static String forCommand(String command, String subject, Failure f) {
        var contact = com.waltalk.desktop.session.ContactCommand.of(command);
        String who = subject == null || subject.isBlank() ? "this user" : subject;
        return switch (f.kind()) {
            case UNKNOWN_USER -> "Nobody is called " + who + " on this relay. Check the spelling: names must be exact.";
            case NOT_A_CONTACT -> who + " is not your contact yet. Add them, and once they accept you can "
                    + ("sendChat".equals(command) ? "send messages." : "call.");
            case NO_CONTACT_REQUEST -> who + " has not asked to be your contact (or took the request back).";
            case BAD_USER_NAME -> "\"" + (subject == null ? "" : subject) + "\" is not a user name: "
                    + f.kind().defaultMessage();
            case RATE_LIMITED -> contact.filter(c -> c == com.waltalk.desktop.session.ContactCommand.ADD).isPresent()
                    ? "You have sent too many contact requests for today." + retry(f)
                    : "You are doing this too often." + retry(f);
            case NOT_SIGNED_IN -> "You are not connected to the relay; try again when the connection is back.";
            case REJECTED -> contact.isPresent() && "that is you".equals(f.detail())
                    ? "That is your own name: add someone else." : f.userMessage();
            default -> f.userMessage();
        };
    }

    private static String retry(Failure f) {
        return f.retryAfterMillis() > 0 ? " Try again in " + Formats.waitTime(f.retryAfterMillis()) + "."
                : " Try again later.";
    }

    /** Whether the failure is about the relay's certificate (the screen then offers to choose one). */
    public static boolean isCertificateProblem(Failure f) {
        return switch (f.kind()) {
            case TLS_UNTRUSTED_CERTIFICATE, TLS_HOSTNAME_MISMATCH, TLS_CERTIFICATE_EXPIRED, TLS_HANDSHAKE_FAILED,
                    TRUST_STORE_INVALID -> true;
            default -> false;
        };
    }
}
