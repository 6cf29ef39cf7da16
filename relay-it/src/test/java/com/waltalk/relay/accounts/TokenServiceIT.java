package com.waltalk.relay.accounts;

import com.waltalk.testing.TestDatabase;
import com.waltalk.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in tokens: format, verification, expiry, revocation, and what the table keeps. */
class TokenServiceIT {

    private static final Duration LIFETIME = Duration.ofHours(1);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static AccountStore store;
    private static MutableClock clock;
    private static TokenService tokens;

    @BeforeAll
    static void open() {
        store = new AccountStore(db.pool());
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        tokens = new TokenService(db.pool(), LIFETIME, clock);
    }

    @Test
    void issuedTokenIs32RandomBytesInBase64UrlAndVerifiesToItsUser() throws Exception {
        Account dan = store.create("dan", "h");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            IssuedToken t = tokens.issue(dan.id());
            assertThat(t.token()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(t.token())).hasSize(32);
            assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(LIFETIME));
            assertThat(t.toString()).doesNotContain(t.token());
            assertThat(seen.add(t.token())).isTrue();
        }
        IssuedToken token = tokens.issue(dan.id());

        assertThat(tokens.verify(token.token())).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("dan"));
        assertThat(tokens.verifyToken(token.token())).hasValueSatisfying(v -> {
            assertThat(v.account().id()).isEqualTo(dan.id());
            assertThat(v.token()).isEqualTo(token);
        });
        assertThat(lastUsed(token.token())).isEqualTo(clock.instant());
    }

    @Test
    void unknownAndMalformedTokensDoNotVerify() throws Exception {
        byte[] raw = new byte[32];
        assertThat(tokens.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("x".repeat(10_000))).isEmpty();
        assertThat(tokens.verify("!".repeat(43))).isEmpty();
        assertThat(tokens.revoke("nonsense")).isFalse();
    }

    @Test
    void anExpiredTokenIsRefusedAndDeleted() throws Exception {
        Account eve = store.create("eve", "h");
        IssuedToken token = tokens.issue(eve.id());

        clock.advance(LIFETIME.minusSeconds(1));
        assertThat(tokens.verify(token.token())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token.token())).isEmpty();
        assertThat(rowExists(token.token())).isFalse();
    }

    @Test
    void revokeEndsOneTokenAndRevokeAllEndsEveryTokenOfTheUser() throws Exception {
        Account fay = store.create("fay", "h");
        Account gus = store.create("gus", "h");
        IssuedToken a = tokens.issue(fay.id());
        IssuedToken b = tokens.issue(fay.id());
        IssuedToken c = tokens.issue(fay.id());
        IssuedToken other = tokens.issue(gus.id());

        assertThat(tokens.revoke(a.token())).isTrue();
        assertThat(tokens.revoke(a.token())).isFalse();
        assertThat(tokens.verify(a.token())).isEmpty();
        assertThat(tokens.verify(b.token())).isPresent();

        assertThat(tokens.revokeAll(fay.id())).isEqualTo(2);
        assertThat(tokens.verify(b.token())).isEmpty();
        assertThat(tokens.verify(c.token())).isEmpty();
        assertThat(tokens.verify(other.token())).isPresent();
    }

    @Test
    void removingTheUserRemovesItsTokens() throws Exception {
        Account hal = store.create("hal", "h");
        IssuedToken token = tokens.issue(hal.id());

        assertThat(store.remove("hal")).isTrue();
        assertThat(rowExists(token.token())).isFalse();
        assertThat(tokens.verify(token.token())).isEmpty();
    }

    @Test
    void purgeExpiredDeletesOnlyExpiredTokens() throws Exception {
        Account ida = store.create("ida", "h");
        TokenService shortLived = new TokenService(db.pool(), Duration.ofMinutes(1), clock);
        IssuedToken soon = shortLived.issue(ida.id());
        IssuedToken later = tokens.issue(ida.id());

        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(rowExists(soon.token())).isFalse();
        assertThat(rowExists(later.token())).isTrue();
    }

    @Test
    void theTableHoldsOnly32ByteHashesNeverTheTokenText() throws Exception {
        Account jo = store.create("jo", "h");
        IssuedToken token = tokens.issue(jo.id());

        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT token_hash, row_to_json(t)::text FROM auth_tokens t")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                byte[] hash = rs.getBytes(1);
                assertThat(hash).hasSize(32);
                assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(token.token());
                assertThat(rs.getString(2)).doesNotContain(token.token());
            }
            assertThat(rows).isPositive();
        }
        assertThat(rowExists(token.token())).isTrue();
    }

    private static boolean rowExists(String token) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM auth_tokens WHERE token_hash = sha256(?)")) {
            ps.setBytes(1, token.getBytes(StandardCharsets.US_ASCII));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Instant lastUsed(String token) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT last_used_at FROM auth_tokens WHERE token_hash = sha256(?)")) {
            ps.setBytes(1, token.getBytes(StandardCharsets.US_ASCII));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        }
    }
}
