package com.waltalk.relay.accounts;

import java.time.Instant;

/**
 * A sign-in token as handed to its client: the token text exists only here and on the client; the
 * database keeps its SHA-256. Immutable.
 */
public record IssuedToken(String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[token=(redacted), expiresAt=" + expiresAt + "]";
    }
}
