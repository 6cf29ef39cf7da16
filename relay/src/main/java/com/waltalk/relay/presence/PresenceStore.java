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

    /** Renews this relay's lease. */
    public void heartbeat(String relayId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO relays (relay_id) VALUES (?) "
                     + "ON CONFLICT (relay_id) DO UPDATE SET heartbeat_at = now()")) {
            ps.setString(1, relayId);
            ps.executeUpdate();
        }
    }

    /** At start: this relay's previous incarnation's sessions are gone; returns how many were removed. */
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
     * forgets those relays; returns how many presence rows were removed.
     */
    public int expireDeadRelays(Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement dead = c.prepareStatement("DELETE FROM presence WHERE relay_id IN "
                    + "(SELECT relay_id FROM relays WHERE heartbeat_at < now() - make_interval(secs => ?)) "
                    + "OR relay_id NOT IN (SELECT relay_id FROM relays)");
                 PreparedStatement forget = c.prepareStatement(
                         "DELETE FROM relays WHERE heartbeat_at < now() - make_interval(secs => ?)")) {
                double secs = lease.toMillis() / 1000.0;
                dead.setDouble(1, secs);
                int removed = dead.executeUpdate();
                forget.setDouble(1, secs);
                forget.executeUpdate();
                c.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
