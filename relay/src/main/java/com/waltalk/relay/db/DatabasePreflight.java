package com.waltalk.relay.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before anything else runs, that the server is configured the way the relay needs, and
 * fails with a message that names the setting and the value to use. Stateless.
 */
public final class DatabasePreflight {

    /** Raised when the database cannot host a relay; the message is meant for an operator. */
    public static final class MisconfiguredDatabaseException extends Exception {
        public MisconfiguredDatabaseException(String message) {
            super(message);
        }
    }

    static final int MIN_SERVER_VERSION = 150000; // publication column lists (15), pgoutput binary (14)

    private DatabasePreflight() {
    }

    public static void check(Connection c) throws SQLException, MisconfiguredDatabaseException {
        List<String> problems = new ArrayList<>();
        int version = intSetting(c, "server_version_num");
        if (version < MIN_SERVER_VERSION) {
            problems.add("PostgreSQL " + version / 10000 + " is too old: 15 or newer is required (publication column lists, pgoutput binary mode)");
        }
        String walLevel = setting(c, "wal_level");
        if (!"logical".equals(walLevel)) {
            problems.add("wal_level is '" + walLevel + "' but must be 'logical' (set wal_level = logical in "
                    + "postgresql.conf and restart PostgreSQL)");
        }
        int slots = intSetting(c, "max_replication_slots");
        int usedSlots = intQuery(c, "SELECT count(*) FROM pg_replication_slots");
        if (slots - usedSlots < 1) {
            problems.add("max_replication_slots is " + slots + " and " + usedSlots
                    + " are in use: the relay needs one free slot (raise max_replication_slots)");
        }
        int senders = intSetting(c, "max_wal_senders");
        if (senders < 1) {
            problems.add("max_wal_senders is " + senders + ": the relay needs at least one WAL sender");
        }
        String keep = setting(c, "max_slot_wal_keep_size");
        if ("-1".equals(keep)) {
            problems.add("max_slot_wal_keep_size is -1 (unlimited): a relay that is down for long would let its slot "
                    + "retain WAL until the disk is full; set it, e.g. max_slot_wal_keep_size = 2GB");
        }
        boolean canReplicate = intQuery(c,
                "SELECT (rolreplication OR rolsuper)::int FROM pg_roles WHERE rolname = current_user") == 1;
        if (!canReplicate) {
            problems.add("the database user lacks the REPLICATION attribute (ALTER ROLE <user> REPLICATION)");
        }
        if (!problems.isEmpty()) {
            throw new MisconfiguredDatabaseException("the database cannot host a WalTalk relay:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (var ps = c.prepareStatement("SELECT current_setting(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static int intSetting(Connection c, String name) throws SQLException {
        return Integer.parseInt(setting(c, name));
    }

    private static int intQuery(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
