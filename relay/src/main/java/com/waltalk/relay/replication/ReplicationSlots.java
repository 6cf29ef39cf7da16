package com.waltalk.relay.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure this relay's logical replication slot exists and is usable. A slot whose WAL was
 * removed because it fell past {@code max_slot_wal_keep_size} ("lost") is recreated: media is
 * ephemeral, so resuming from now is the right answer. Stateless apart from its data source.
 */
public final class ReplicationSlots {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSlots.class);

    /** The slot is held by another live process — most likely a second relay with the same id. */
    public static final class SlotInUseException extends Exception {
        public SlotInUseException(String message) {
            super(message);
        }
    }

    private final DataSource dataSource;

    public ReplicationSlots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the slot if needed; returns true if it was (re)created. */
    public boolean ensure(String slotName) throws SQLException, SlotInUseException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT plugin, active, active_pid, wal_status, "
                    + "database = current_database() FROM pg_replication_slots WHERE slot_name = ?")) {
                ps.setString(1, slotName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        String plugin = rs.getString(1);
                        boolean active = rs.getBoolean(2);
                        int pid = rs.getInt(3);
                        String walStatus = rs.getString(4);
                        boolean sameDb = rs.getBoolean(5);
                        if (active) {
                            throw new SlotInUseException("replication slot " + slotName + " is in use by backend pid "
                                    + pid + ": is another relay running with the same --relay-id?");
                        }
                        if ("pgoutput".equals(plugin) && sameDb && !"lost".equals(walStatus)) {
                            return false;
                        }
                        log.warn("replication slot {} is unusable (plugin={}, same database={}, wal_status={}); "
                                + "recreating it — frames written while the relay was down are skipped",
                                slotName, plugin, sameDb, walStatus);
                        drop(c, slotName);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT lsn FROM pg_create_logical_replication_slot(?, 'pgoutput')")) {
                ps.setString(1, slotName);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    log.debug("created replication slot {} at {}", slotName, rs.getString(1));
                }
            }
            return true;
        }
    }

    public void drop(String slotName) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            drop(c, slotName);
        }
    }

    private static void drop(Connection c, String slotName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slotName);
            ps.executeQuery().close();
        }
    }
}
