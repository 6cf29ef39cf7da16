package com.waltalk.relay.calls;

import com.waltalk.protocol.control.CallState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one description of a {@code calls} row (sql/migrations): its columns, the select list that reads
 * them, and how a {@link CallRecord} is made from them — whether the row comes from a query
 * ({@link #read(ResultSet)}, used by {@link CallStore} and the state snapshot) or from the replication
 * stream ({@link #read(Row)}, used by {@code state.StateChangeHandler} through a tuple adapter). A column
 * added to the table is added here once.
 *
 * <p>Thread-safety: stateless.
 */
public final class CallRows {

    /** The columns of {@code calls} a {@link CallRecord} holds, in select-list order. */
    public enum Column {
        ID("id"), CALLER("caller"), CALLEE("callee"), STATE("state"), CREATED_AT("created_at"),
        ANSWERED_AT("answered_at"), ENDED_AT("ended_at"), ENDED_BY("ended_by"), CALLER_VIDEO("caller_video"),
        CALLER_AUDIO("caller_audio"), CALLEE_VIDEO("callee_video"), CALLEE_AUDIO("callee_audio"), WITHHELD("withheld");

        private final String sql;

        Column(String sql) {
            this.sql = sql;
        }

        /** The column's name in SQL. */
        public String sql() {
            return sql;
        }

        /** Its 1-based position in {@link #SELECT_LIST}. */
        int position() {
            return ordinal() + 1;
        }
    }

    /** Every {@link Column}, comma-separated, for {@code SELECT …} and {@code RETURNING …}. */
    public static final String SELECT_LIST = Arrays.stream(Column.values()).map(Column::sql)
            .collect(Collectors.joining(", "));

    /**
     * One row's values by column, wherever the row comes from. Timestamps are Unix microseconds.
     *
     * @param <E> what reading a value may throw
     */
    public interface Row<E extends Exception> {
        boolean isNull(Column column) throws E;

        long getLong(Column column) throws E;

        String getString(Column column) throws E;

        boolean getBoolean(Column column) throws E;

        long getTimestampMicros(Column column) throws E;

        /** The exception that says the row holds a value no {@link CallRecord} can have. */
        E corrupt(String message);
    }

    private CallRows() {
    }

    /** Makes the record of {@code row}. */
    public static <E extends Exception> CallRecord read(Row<E> row) throws E {
        String stateText = row.getString(Column.STATE);
        // the calls_state CHECK constraint admits exactly the wire strings (CallStateConstraintIT)
        CallState state = CallState.fromWire(stateText)
                .orElseThrow(() -> row.corrupt("calls.state '" + stateText + "' is no call state"));
        return new CallRecord(row.getLong(Column.ID), row.getString(Column.CALLER), row.getString(Column.CALLEE),
                state, row.getTimestampMicros(Column.CREATED_AT), microsOrNull(row, Column.ANSWERED_AT),
                microsOrNull(row, Column.ENDED_AT),
                row.isNull(Column.ENDED_BY) ? null : row.getString(Column.ENDED_BY),
                row.getBoolean(Column.CALLER_VIDEO), row.getBoolean(Column.CALLER_AUDIO),
                row.getBoolean(Column.CALLEE_VIDEO), row.getBoolean(Column.CALLEE_AUDIO),
                !row.isNull(Column.WITHHELD) && row.getBoolean(Column.WITHHELD));
    }

    /** Reads the current row of a query that selected {@link #SELECT_LIST}. */
    public static CallRecord read(ResultSet rs) throws SQLException {
        return read(new ResultSetRow(rs));
    }

    private static <E extends Exception> Long microsOrNull(Row<E> row, Column column) throws E {
        return row.isNull(column) ? null : row.getTimestampMicros(column);
    }

    /** A {@link ResultSet} positioned on a row selected with {@link #SELECT_LIST}. */
    private record ResultSetRow(ResultSet rs) implements Row<SQLException> {
        @Override
        public boolean isNull(Column column) throws SQLException {
            rs.getObject(column.position());
            return rs.wasNull();
        }

        @Override
        public long getLong(Column column) throws SQLException {
            return rs.getLong(column.position());
        }

        @Override
        public String getString(Column column) throws SQLException {
            return rs.getString(column.position());
        }

        @Override
        public boolean getBoolean(Column column) throws SQLException {
            return rs.getBoolean(column.position());
        }

        @Override
        public long getTimestampMicros(Column column) throws SQLException {
            return CallStore.micros(rs.getTimestamp(column.position()));
        }

        @Override
        public SQLException corrupt(String message) {
            return new SQLException(message);
        }
    }
}
