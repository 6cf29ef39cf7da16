package com.waltalk.relay.contacts;

import java.util.Optional;

/**
 * What the owner of a {@code contacts} row has done about its peer: the values of the {@code state} column
 * (its CHECK constraint in sql/migrations V5 lists exactly these). Immutable.
 */
public enum ContactState {
    /** The owner asked the peer to become contacts. */
    REQUESTED("requested"),
    /** The owner accepts the peer as a contact. */
    ACCEPTED("accepted"),
    /** The owner blocks the peer. */
    BLOCKED("blocked");

    private final String sql;

    ContactState(String sql) {
        this.sql = sql;
    }

    /** The column value. */
    public String sql() {
        return sql;
    }

    /** The constant for a column value; empty for anything else (a row written by hand). */
    public static Optional<ContactState> fromSql(String value) {
        for (ContactState s : values()) {
            if (s.sql.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
