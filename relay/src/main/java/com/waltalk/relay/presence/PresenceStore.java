package com.waltalk.relay.presence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Who is signed in where, and the relay leases that keep crashed relays from leaving ghosts.
 * Thread-safe.
 */
public final class PresenceStore {

    private final DataSource dataSource;

    public PresenceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Marks {@code user} signed in on this relay and connection; a newer sign-in anywhere overwrites.
     * Returns a WAL position that every earlier claim of this user committed before, so a claim that
     * arrives late through the stream can be told from a newer one.
     */
    public long claim(String user, String relayId, UUID sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO presence (user_name, relay_id, session_id) "
                     + "VALUES (?, ?, ?) ON CONFLICT (user_name) DO UPDATE SET relay_id = EXCLUDED.relay_id, "
                     + "session_id = EXCLUDED.session_id, connected_at = now() "
                     + "RETURNING pg_current_wal_insert_lsn() - '0/0'::pg_lsn")) {
            ps.setString(1, user);
            ps.setString(2, relayId);
            ps.setObject(3, sessionId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Marks {@code user} offline, unless a newer session has claimed the user since. */
    public void release(String user, UUID sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM presence WHERE user_name = ? AND session_id = ?")) {
            ps.setString(1, user);
            ps.setObject(2, sessionId);
            ps.executeUpdate();
        }
    }

    /**
     * Renews this relay's lease. Returns false if the lease had lapsed: the relay's row was gone
     * (another relay expired it while this one was paused or cut off, and with it this relay's
     * presence rows) and has been created again; the caller must then re-claim its sessions.
     */
    public boolean heartbeat(String relayId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement renew = c.prepareStatement(
                    "UPDATE relays SET heartbeat_at = now() WHERE relay_id = ?")) {
                renew.setString(1, relayId);
                if (renew.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement create = c.prepareStatement("INSERT INTO relays (relay_id) VALUES (?) "
                    + "ON CONFLICT (relay_id) DO UPDATE SET heartbeat_at = now()")) {
                create.setString(1, relayId);
                create.executeUpdate();
                return false;
            }
        }
    }

    /**
     * Marks {@code user} signed in on this relay and connection again after the relay's lease had
     * lapsed, unless the user is signed in somewhere (a newer sign-in elsewhere must win, and will
     * replace this session through the stream). Returns whether a row was written.
     */
    public boolean reclaim(String user, String relayId, UUID sessionId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO presence (user_name, relay_id, session_id) "
                     + "VALUES (?, ?, ?) ON CONFLICT (user_name) DO NOTHING")) {
            ps.setString(1, user);
            ps.setString(2, relayId);
            ps.setObject(3, sessionId);
            return ps.executeUpdate() == 1;
        }
    }

    /** At start: this relay's previous incarnation's sessions are gone; returns how many were removed. */
    /**
     * How things stood when this relay id last ran, read at start before {@link #resetRelay}.
     *
     * @param sinceLastHeartbeat time since this relay id's last heartbeat; null if it has no record (never ran
     *                           here, or another relay expired it)
     * @param otherRelayAlive    whether another relay's lease is current (its housekeeping watched the calls
     *                           while this one was down)
     */
    public record PreviousRun(Duration sinceLastHeartbeat, boolean otherRelayAlive) {
        /** Whether no relay can have ended abandoned calls for longer than {@code grace}. */
        public boolean unwatchedLongerThan(Duration grace) {
            return !otherRelayAlive && (sinceLastHeartbeat == null || sinceLastHeartbeat.compareTo(grace) > 0);
        }
    }

    public PreviousRun previousRun(String relayId, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT "
                     + "(SELECT extract(epoch FROM now() - heartbeat_at) FROM relays WHERE relay_id = ?), "
                     + "EXISTS (SELECT 1 FROM relays WHERE relay_id <> ? "
                     + "AND heartbeat_at >= now() - make_interval(secs => ?))")) {
            ps.setString(1, relayId);
            ps.setString(2, relayId);
            ps.setDouble(3, lease.toMillis() / 1000.0);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                double seconds = rs.getDouble(1);
                Duration since = rs.wasNull() ? null : Duration.ofMillis(Math.round(seconds * 1000));
                return new PreviousRun(since, rs.getBoolean(2));
            }
        }
    }

    public int resetRelay(String relayId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM presence WHERE relay_id = ?")) {
            ps.setString(1, relayId);
            int n = ps.executeUpdate();
            heartbeat(relayId);
            return n;
        }
    }

    /**
     * Removes the presence of relays whose lease expired (crashed without saying goodbye) and
     * forgets those relays; returns how many presence rows were removed. The relays row goes first
     * and in the same statement: a heartbeat that commits meanwhile either keeps its relay's row
     * (and so its presence), or finds it gone and tells its relay to re-claim.
     */
    public int expireDeadRelays(Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("WITH dead AS (DELETE FROM relays "
                     + "WHERE heartbeat_at < now() - make_interval(secs => ?) RETURNING relay_id) "
                     + "DELETE FROM presence WHERE relay_id IN (SELECT relay_id FROM dead) "
                     + "OR relay_id NOT IN (SELECT relay_id FROM relays)")) {
            ps.setDouble(1, lease.toMillis() / 1000.0);
            return ps.executeUpdate();
        }
    }
}
