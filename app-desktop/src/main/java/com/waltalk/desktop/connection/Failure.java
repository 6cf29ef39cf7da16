package com.waltalk.desktop.connection;

import java.util.Objects;

/**
 * A typed failure a UI can show: the kind, a human-readable detail and, where the relay said so,
 * how long to wait before retrying.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param kind             what went wrong
 * @param detail           human-readable detail (the relay's message, the TLS error...); never contains
 *                         a password or token
 * @param retryAfterMillis milliseconds to wait before retrying, or {@code -1} if not applicable
 */
public record Failure(FailureKind kind, String detail, long retryAfterMillis) {

    public Failure {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null || detail.isBlank() ? kind.defaultMessage() : detail;
    }

    public static Failure of(FailureKind kind, String detail) {
        return new Failure(kind, detail, -1);
    }

    public static Failure of(FailureKind kind) {
        return new Failure(kind, null, -1);
    }

    /** The text to show: the kind's sentence, followed by the detail when it adds something. */
    public String userMessage() {
        String base = kind.defaultMessage();
        String text = detail.equals(base) ? base : base + " (" + detail + ")";
        return retryAfterMillis > 0 ? text + " Retry in " + Math.max(1, (retryAfterMillis + 999) / 1000) + " s." : text;
    }
}
