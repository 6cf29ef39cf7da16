package com.waltalk.relay.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.control.CallState;
import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema's {@code calls_state} CHECK constraint and {@link CallState} agree, against a real database: the
 * stores map {@code calls.state} through {@link CallState#fromWire}, so a state the schema admits but the enum
 * does not know would break reading the row, and one the enum has but the schema refuses could never be stored.
 */
class CallStateConstraintIT {

    private static final String CHECK_VIOLATION = "23514";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static CallStore calls;

    @BeforeAll
    static void open() {
        calls = new CallStore(db.pool());
    }

    /** The constraint's definition, as PostgreSQL keeps it, lists exactly the wire strings. */
    @Test
    void theConstraintListsExactlyTheCallStateWireStrings() throws Exception {
        String definition;
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                     + "WHERE conrelid = 'calls'::regclass AND conname = 'calls_state'");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("constraint calls_state exists").isTrue();
            definition = rs.getString(1);
        }
        // e.g. CHECK ((state = ANY (ARRAY['ringing'::text, 'accepted'::text, ...])))
        assertThat(definition).contains("state");
        Set<String> admitted = literals(definition);
        Set<String> wires = Arrays.stream(CallState.values()).map(CallState::wire)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(admitted).as(definition).isEqualTo(wires);
    }

    /** The partial index the relay's active-call queries rely on covers exactly the non-final states. */
    @Test
    void theActiveCallsIndexListsExactlyTheNonFinalStates() throws Exception {
        String predicate;
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i "
                     + "WHERE i.indexrelid = 'calls_active'::regclass");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("index calls_active exists").isTrue();
            predicate = rs.getString(1);
        }
        Set<String> wires = Arrays.stream(CallState.values()).filter(s -> !s.isFinal()).map(CallState::wire)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(literals(predicate)).as(predicate).isEqualTo(wires);
    }

    /** Every state can be stored, and reads back as the same constant. */
    @Test
    void everyCallStateIsStoredAndReadBack() throws Exception {
        for (CallState state : CallState.values()) {
            long id = insertCall("sa", "sb", state.wire());
            assertThat(calls.find(id).orElseThrow().state()).isEqualTo(state);
        }
    }

    @Test
    void aStringThatIsNoCallStateIsRefused() {
        for (String bogus : new String[] {"hold", "RINGING", "canceled", ""}) {
            assertThatThrownBy(() -> insertCall("sa", "sb", bogus)).as(bogus)
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION);
                        assertThat(e.getMessage()).contains("calls_state");
                    });
        }
    }

    /** The string literals in an expression as PostgreSQL prints it. */
    private static Set<String> literals(String expression) {
        Matcher literal = Pattern.compile("'([^']*)'").matcher(expression);
        Set<String> found = new TreeSet<>();
        while (literal.find()) {
            found.add(literal.group(1));
        }
        return found;
    }

    private static long insertCall(String caller, String callee, String state) throws SQLException {
        try (Connection c = db.pool().getConnection();
             PreparedStatement users = c.prepareStatement("INSERT INTO users (name, password_hash) "
                     + "VALUES (?, 'x'), (?, 'x') ON CONFLICT ((lower(name))) DO NOTHING")) {
            users.setString(1, caller);
            users.setString(2, callee);
            users.executeUpdate();
        }
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO calls (caller, callee, caller_id, callee_id, state) "
                             + "SELECT a.name, b.name, a.id, b.id, ? FROM users a, users b "
                             + "WHERE a.name = ? AND b.name = ? RETURNING id")) {
            ps.setString(1, state);
            ps.setString(2, caller);
            ps.setString(3, callee);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
