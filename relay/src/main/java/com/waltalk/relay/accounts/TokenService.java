package com.waltalk.relay.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Sign-in tokens: 32 random bytes, base64url without padding (43 characters), shown to the client
 * once. The {@code auth_tokens} table holds only their SHA-256, so reading the table does not let
 * anyone resume a session. Expiry times come from the injected clock. Thread-safe.
 */
public final class TokenService {

    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** A valid token with its account and expiry. */
    public record VerifiedToken(Account account, IssuedToken token) {
    }

    private final DataSource dataSource;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    public TokenService(DataSource dataSource) {
        this(dataSource, DEFAULT_LIFETIME, Clock.systemUTC());
    }

    public TokenService(DataSource dataSource, Duration lifetime, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive: " + lifetime);
        }
    }

    /** Creates a token for the user; the returned text is not stored anywhere. */
    public IssuedToken issue(long userId) throws SQLException {
        byte[] raw = new byte[TOKEN_BYTES];
        random.nextBytes(raw);
        String token = encoder.encodeToString(raw);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what timestamptz keeps
        Instant expiresAt = now.plus(lifetime);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
            ps.setBytes(1, sha256(token));
            ps.setLong(2, userId);
            ps.setObject(3, utc(now));
            ps.setObject(4, utc(expiresAt));
            ps.executeUpdate();
        }
        return new IssuedToken(token, expiresAt);
    }

    /** The token's account if the token exists and has not expired. */
    public Optional<Account> verify(String token) throws SQLException {
        return verifyToken(token).map(VerifiedToken::account);
    }

    /**
     * Like {@link #verify} but also returns the token's expiry. Records the use; an expired token is
     * deleted when it is presented.
     */
    public Optional<VerifiedToken> verifyToken(String token) throws SQLException {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        OffsetDateTime now = utc(clock.instant());
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE auth_tokens t SET last_used_at = ? FROM users u"
                            + " WHERE t.token_hash = ? AND t.expires_at > ? AND u.id = t.user_id"
                            + " RETURNING u.id, u.name, u.password_hash, u.created_at, t.expires_at")) {
                ps.setObject(1, now);
                ps.setBytes(2, hash);
                ps.setObject(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Instant expiresAt = rs.getObject("expires_at", OffsetDateTime.class).toInstant();
                        return Optional.of(new VerifiedToken(AccountStore.account(rs), new IssuedToken(token, expiresAt)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM auth_tokens WHERE token_hash = ? AND expires_at <= ?")) {
                ps.setBytes(1, hash);
                ps.setObject(2, now);
                ps.executeUpdate();
            }
            return Optional.empty();
        }
    }

    /** Invalidates one token; false if it was unknown. */
    public boolean revoke(String token) throws SQLException {
        if (!wellFormed(token)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM auth_tokens WHERE token_hash = ?")) {
            ps.setBytes(1, sha256(token));
            return ps.executeUpdate() > 0;
        }
    }

    /** Invalidates every token of the user; returns how many there were. */
    public int revokeAll(long userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM auth_tokens WHERE user_id = ?")) {
            ps.setLong(1, userId);
            return ps.executeUpdate();
        }
    }

    /** Deletes expired tokens that were never presented again; returns how many. */
    public int purgeExpired() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM auth_tokens WHERE expires_at <= ?")) {
            ps.setObject(1, utc(clock.instant()));
            return ps.executeUpdate();
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static boolean wellFormed(String token) {
        return token != null && TOKEN_FORMAT.matcher(token).matches();
    }

    // The hash is of the token text, not of the decoded bytes: base64 decoders ignore the unused low
    // bits of the last character, so several texts decode to the same bytes.
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
