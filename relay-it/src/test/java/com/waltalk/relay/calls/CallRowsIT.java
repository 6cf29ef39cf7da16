package com.waltalk.relay.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.control.CallState;
import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CallRows} is the one description of a {@code calls} row: it names every column of the real table but the
 * parties' account ids, in the table's order, and reads a stored row, NULLs included, into the record the stores and
 * the stream use.
 */
class CallRowsIT {

    /**
     * The columns a {@link CallRecord} deliberately does not hold: the parties' account ids (issue 12) are what the
     * stores find and lock calls by, while the record, the stream and the clients speak the parties' names. Any
     * other column added to the table must be added to {@link CallRows} or here, on purpose.
     */
    private static final List<String> NOT_IN_THE_RECORD = List.of("caller_id", "callee_id");

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void theColumnsAreTheTablesColumnsInOrder() throws SQLException {
        List<String> table = new ArrayList<>();
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns "
                     + "WHERE table_name = 'calls' ORDER BY ordinal_position");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                table.add(rs.getString(1));
            }
        }
        assertThat(table).containsAll(NOT_IN_THE_RECORD);
        List<String> read = new ArrayList<>(table);
        read.removeAll(NOT_IN_THE_RECORD);
        assertThat(Arrays.stream(CallRows.Column.values()).map(CallRows.Column::sql).toList()).isEqualTo(read);
    }

    @Test
    void aStoredRowReadsBackWithItsNullsAndFlags() throws SQLException {
        CallRecord ringing;
        CallRecord ended;
        try (Connection c = db.pool().getConnection()) {
            // a call refers to its parties' accounts (issue 12)
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (name, password_hash) "
                    + "VALUES ('rows_ann', 'x'), ('rows_bob', 'x')")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (caller, callee, caller_id, callee_id, "
                    + "state, callee_video) SELECT a.name, b.name, a.id, b.id, 'ringing', false FROM users a, users b "
                    + "WHERE a.name = 'rows_ann' AND b.name = 'rows_bob' RETURNING " + CallRows.SELECT_LIST);
                 ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                ringing = CallRows.read(rs);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET state = 'ended', answered_at = "
                    + "created_at + interval '1 s', ended_at = created_at + interval '3 s', ended_by = callee "
                    + "WHERE id = ? RETURNING " + CallRows.SELECT_LIST)) {
                ps.setLong(1, ringing.id());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    ended = CallRows.read(rs);
                }
            }
        }
        assertThat(ringing.caller()).isEqualTo("rows_ann");
        assertThat(ringing.callee()).isEqualTo("rows_bob");
        assertThat(ringing.state()).isEqualTo(CallState.RINGING);
        assertThat(ringing.answeredAt()).isNull();
        assertThat(ringing.endedAt()).isNull();
        assertThat(ringing.endedBy()).isNull();
        assertThat(ringing.callerVideo()).isTrue();
        assertThat(ringing.calleeVideo()).isFalse();
        assertThat(ringing.withheld()).isFalse();
        assertThat(ended.state()).isEqualTo(CallState.ENDED);
        assertThat(ended.answeredAt() - ended.createdAt()).isEqualTo(1_000_000L);
        assertThat(ended.endedAt() - ended.createdAt()).isEqualTo(3_000_000L);
        assertThat(ended.endedBy()).isEqualTo("rows_bob");
    }

    @Test
    void aStateNoCallStateHasIsACorruptRowNotANull() {
        CallRows.Row<SQLException> row = new CallRows.Row<>() {
            @Override
            public boolean isNull(CallRows.Column column) {
                return false;
            }

            @Override
            public long getLong(CallRows.Column column) {
                return 1;
            }

            @Override
            public String getString(CallRows.Column column) {
                return column == CallRows.Column.STATE ? "on_hold" : "someone";
            }

            @Override
            public boolean getBoolean(CallRows.Column column) {
                return true;
            }

            @Override
            public long getTimestampMicros(CallRows.Column column) {
                return 0;
            }

            @Override
            public SQLException corrupt(String message) {
                return new SQLException(message);
            }
        };
        assertThatThrownBy(() -> CallRows.read(row)).isInstanceOf(SQLException.class).hasMessageContaining("on_hold");
    }
}
