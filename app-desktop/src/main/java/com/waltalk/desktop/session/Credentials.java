package com.waltalk.desktop.session;

import java.time.Instant;
import java.util.Objects;

/**
 * What the relay issued at sign-in: the user and a session token for signing in later without the
 * password. The token is a secret: store it like a password, never log it ({@link #toString()} hides it).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user           the signed-in user
 * @param token          the token for {@link SessionModel#signInWithToken}
 * @param tokenExpiresAt when the relay stops accepting it
 */
public record Credentials(String user, String token, Instant tokenExpiresAt) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", token=(hidden), expires=" + tokenExpiresAt + "]";
    }
}
