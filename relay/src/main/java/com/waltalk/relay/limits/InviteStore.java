package com.waltalk.relay.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Invite codes ({@code invites} table, V6): created and revoked by the operator ({@code relay invite}),
 * consumed by a registration in the transaction that inserts the account. Only SHA-256 of a code is
 * stored; the code itself is shown once, when it is created. Codes are 20 characters of a 31-character
 * alphabet without look-alikes (99 bits), in the protocol's invite alphabet. Thread-safe.
 */
public final class InviteStore {

    /** An invite as {@code relay invite list} shows it (never the code). */
    public record Invite(long id, int usesLeft, int uses, Instant createdAt, Instant expiresAt) {
    }

    /** A new code and its id. */
    public record Created(long id, String code) {
    }

    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    static final int CODE_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public InviteStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Creates a code good for {@code uses} registrations until {@code expiresAt} (null: no expiry).
     *
     * @throws IllegalArgumentException if {@code uses < 1}
     */
    public Created create(int uses, Instant expiresAt) throws SQLException {
        if (uses < 1) {
            throw new IllegalArgumentException("an invite needs at least one use: " + uses);
        }
        String code = newCode();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO invites (code_hash, uses_left, expires_at) VALUES (?, ?, ?) RETURNING id")) {
            ps.setBytes(1, hash(code));
            ps.setInt(2, uses);
            ps.setTimestamp(3, expiresAt == null ? null : Timestamp.from(expiresAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Created(rs.getLong(1), code);
            }
        }
    }

    /**
     * Uses up one registration of {@code code} in {@code transaction} (the account insert's): false
     * if the code is unknown, used up, expired or revoked. The row stays locked until that
     * transaction ends, so two registrations cannot both take a code's last use.
     */
    public static boolean consume(Connection transaction, String code) throws SQLException {
        if (code == null || code.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = transaction.prepareStatement("UPDATE invites SET uses_left = uses_left - 1, "
                + "uses = uses + 1 WHERE code_hash = ? AND uses_left > 0 AND (expires_at IS NULL OR expires_at > now())")) {
            ps.setBytes(1, hash(code));
            return ps.executeUpdate() == 1;
        }
    }

    /** Invites that can still be used, newest first. */
    public List<Invite> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, uses_left, uses, created_at, expires_at FROM invites "
                     + "WHERE uses_left > 0 AND (expires_at IS NULL OR expires_at > now()) ORDER BY id DESC");
             ResultSet rs = ps.executeQuery()) {
            List<Invite> out = new ArrayList<>();
            while (rs.next()) {
                OffsetDateTime expires = rs.getObject(5, OffsetDateTime.class);
                out.add(new Invite(rs.getLong(1), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), expires == null ? null : expires.toInstant()));
            }
            return out;
        }
    }

    /** Revokes (deletes) an invite; false if there was none with that id. */
    public boolean revoke(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM invites WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes invites used up or expired more than a day ago (housekeeping); returns how many. */
    public int purgeSpent() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM invites WHERE "
                     + "(uses_left = 0 OR expires_at < now()) AND coalesce(expires_at, created_at) < now() - interval '1 day'")) {
            return ps.executeUpdate();
        }
    }

    static String newCode() {
        char[] c = new char[CODE_LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
