package com.waltalk.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A crowded relay database for scale tests and benchmarks: {@code accounts} accounts named
 * {@code crowd1..crowdN}, all with one password hash ({@link #PASSWORD}: bcrypt is too slow to hash thousands),
 * and one account {@link #HUB} that is a mutual contact of the first {@code contacts} of them. Written in
 * a few statements, so it reaches the relay's stream as a few large transactions. Stateless; thread-safe.
 */
public final class Crowd {

    /** The account with many contacts. */
    public static final String HUB = "crowd_hub";
    /** Every crowd account's password. */
    public static final String PASSWORD = "crowd password, same for all";

    private Crowd() {
    }

    /** A connection signed in as crowd account {@code user}. */
    public static SimulatedClient signIn(String uri, String user) throws java.io.IOException, InterruptedException {
        return SimulatedClient.signInWithPassword(uri, user, PASSWORD);
    }

    /**
     * Adds the crowd to a database whose accounts are strangers (not one under
     * {@link TestContacts#everyoneInContact}: that would make every pair contacts).
     *
     * @param passwordHash the bcrypt hash of {@link #PASSWORD}, which every crowd account (and the hub) gets
     */
    public static void populate(DataSource db, int accounts, int contacts, String passwordHash) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, password_hash) "
                    + "SELECT 'crowd' || g, ? FROM generate_series(1, ?) g")) {
                ps.setString(1, passwordHash);
                ps.setInt(2, accounts);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, password_hash) VALUES (?, ?)")) {
                ps.setString(1, HUB);
                ps.setString(2, passwordHash);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("WITH hub AS (SELECT id FROM users WHERE name = ?), "
                    + "peers AS (SELECT id FROM users WHERE name ~ '^crowd[0-9]+$' "
                    + "ORDER BY substring(name from 6)::int LIMIT ?) "
                    + "INSERT INTO contacts (owner_id, peer_id, state) "
                    + "SELECT hub.id, peers.id, 'accepted' FROM hub, peers "
                    + "UNION ALL SELECT peers.id, hub.id, 'accepted' FROM hub, peers")) {
                ps.setString(1, HUB);
                ps.setInt(2, contacts);
                ps.executeUpdate();
            }
        }
    }
}
