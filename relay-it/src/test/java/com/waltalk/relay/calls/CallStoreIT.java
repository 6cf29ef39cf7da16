package com.waltalk.relay.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallState;
import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CallStore#endAbandoned}, against a real database: the relay decides that a party is gone from its
 * mirror, which lags; the update must still leave the call alone if the party is back by then.
 */
class CallStoreIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static CallStore calls;

    @BeforeAll
    static void open() {
        calls = new CallStore(db.pool());
    }

    @Test
    void anAbandonedCallIsEndedOnlyOnceItsPartyIsReallyGone() throws Exception {
        long id = insertCall("al1", "bo1", "accepted");
        online("bo1");
        assertThat(calls.endAbandoned(id, "bo1")).as("bo1 is back (signed in again)").isFalse();
        assertThat(calls.find(id).orElseThrow().state()).isEqualTo(CallState.ACCEPTED);

        offline("bo1");
        assertThat(calls.endAbandoned(id, "bo1")).isTrue();
        CallRecord ended = calls.find(id).orElseThrow();
        assertThat(ended.state()).isEqualTo(CallState.ENDED);
        assertThat(ended.endedBy()).isEqualTo("bo1");
        assertThat(ended.endedAt()).isNotNull();

        assertThat(calls.endAbandoned(id, "bo1")).as("a final call stays as it is").isFalse();
        assertThat(calls.find(id).orElseThrow().endedAt()).isEqualTo(ended.endedAt());
    }

    @Test
    void aRingingCallIsCancelledWhenItsCallerIsGoneAndMissedWhenItsCalleeIs() throws Exception {
        long callerGone = insertCall("al2", "bo2", "ringing");
        assertThat(calls.endAbandoned(callerGone, "al2")).isTrue();
        assertThat(calls.find(callerGone).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.CANCELLED);
            assertThat(c.endedBy()).isEqualTo("al2");
        });
        long calleeGone = insertCall("al3", "bo3", "ringing");
        assertThat(calls.endAbandoned(calleeGone, "bo3")).isTrue();
        assertThat(calls.find(calleeGone).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.MISSED);
            assertThat(c.endedBy()).isEqualTo("bo3");
        });
    }

    @Test
    void someoneWhoIsNoPartyCannotAbandonACall() throws Exception {
        long id = insertCall("al4", "bo4", "accepted");
        assertThat(calls.endAbandoned(id, "mallory4")).isFalse();
        assertThat(calls.find(id).orElseThrow().state()).isEqualTo(CallState.ACCEPTED);
    }

    /** A call between two accounts (created here: a call refers to its parties' ids, issue 12). */
    private static long insertCall(String caller, String callee, String state) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement users = c.prepareStatement("INSERT INTO users (name, password_hash) "
                     + "VALUES (?, 'x'), (?, 'x') ON CONFLICT ((lower(name))) DO NOTHING")) {
            users.setString(1, caller);
            users.setString(2, callee);
            users.executeUpdate();
        }
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO calls (caller, callee, caller_id, callee_id, "
                     + "state, answered_at) SELECT a.name, b.name, a.id, b.id, ?, CASE WHEN ? = 'accepted' THEN now() END "
                     + "FROM users a, users b WHERE a.name = ? AND b.name = ? RETURNING id")) {
            ps.setString(1, state);
            ps.setString(2, state);
            ps.setString(3, caller);
            ps.setString(4, callee);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void online(String user) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO presence (user_name, relay_id, session_id) VALUES (?, 'elsewhere', ?)")) {
            ps.setString(1, user);
            ps.setObject(2, UUID.randomUUID());
            ps.executeUpdate();
        }
    }

    private static void offline(String user) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM presence WHERE user_name = ?")) {
            ps.setString(1, user);
            ps.executeUpdate();
        }
    }
}
