package com.waltalk.relay.state;

import com.waltalk.testing.TestContacts;
import com.waltalk.relay.Relay;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.testing.TestDatabase;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls left active when the last relay stopped. A relay back within the reconnect grace lets them
 * resume (their parties sign in again); a relay that comes back after nobody watched the calls for
 * longer than that ends them before it serves anyone — a call must not resume, hours later, when its
 * parties happen to sign in. While another relay is alive it watched the calls, so nothing is ended.
 * Real PostgreSQL, a real relay started on a database prepared by SQL.
 */
class RestartAfterDowntimeIT {

    private static final String ID = "downtime";

    @Test
    void aRelayDownLongerThanTheGraceEndsTheCallsLeftActiveBeforeItServes(@TempDir Path dir) throws Exception {
        try (Database db = TestDatabase.newDatabase()) {
            sql(db, "INSERT INTO relays (relay_id, heartbeat_at) VALUES ('" + ID + "', now() - interval '1 hour')");
            long accepted = call(db, "al", "bo", "accepted");
            long ringing = call(db, "ca", "da", "ringing");

            try (Relay relay = start(dir, db.endpoint())) {
                assertThat(outcome(db, accepted)).isEqualTo("ended by al");
                assertThat(outcome(db, ringing)).isEqualTo("cancelled by ca");
            }
        }
    }

    @Test
    void aRelayBackWithinTheGraceLeavesTheCallsToResume(@TempDir Path dir) throws Exception {
        try (Database db = TestDatabase.newDatabase()) {
            sql(db, "INSERT INTO relays (relay_id, heartbeat_at) VALUES ('" + ID + "', now() - interval '3 seconds')");
            long accepted = call(db, "al", "bo", "accepted");

            try (Relay relay = start(dir, db.endpoint())) {
                assertThat(outcome(db, accepted)).isEqualTo("accepted");
            }
        }
    }

    @Test
    void whileAnotherRelayIsAliveItsHousekeepingOwnsTheCalls(@TempDir Path dir) throws Exception {
        try (Database db = TestDatabase.newDatabase()) {
            sql(db, "INSERT INTO relays (relay_id, heartbeat_at) VALUES ('" + ID + "', now() - interval '1 hour'), "
                    + "('other', now())");
            long accepted = call(db, "al", "bo", "accepted");

            try (Relay relay = start(dir, db.endpoint())) {
                assertThat(outcome(db, accepted)).isEqualTo("accepted");
            }
        }
    }

    private static Relay start(Path dir, DatabaseEndpoint db) throws Exception {
        return TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir, ID).withDatabase(db.jdbcUrl(), db.user(), db.password())));
    }

    /** A call two hours old between two accounts, created here: a call refers to its parties' ids (issue 12). */
    private static long call(Database db, String caller, String callee, String state) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement users = c.prepareStatement("INSERT INTO users (name, password_hash) "
                     + "VALUES (?, 'x'), (?, 'x') ON CONFLICT ((lower(name))) DO NOTHING")) {
            users.setString(1, caller);
            users.setString(2, callee);
            users.executeUpdate();
        }
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO calls (caller, callee, caller_id, callee_id, state, "
                     + "created_at, answered_at) SELECT a.name, b.name, a.id, b.id, ?, now() - interval '2 hours', "
                     + "CASE WHEN ? THEN now() - interval '2 hours' END FROM users a, users b "
                     + "WHERE a.name = ? AND b.name = ? RETURNING id")) {
            ps.setString(1, state);
            ps.setBoolean(2, state.equals("accepted"));
            ps.setString(3, caller);
            ps.setString(4, callee);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String outcome(Database db, long id) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT state, ended_by FROM calls WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(2) == null ? rs.getString(1) : rs.getString(1) + " by " + rs.getString(2);
            }
        }
    }

    private static void sql(Database db, String statement) throws Exception {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
