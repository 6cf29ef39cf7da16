package com.waltalk.relay.chat;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.replication.TransactionSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Chat messages: stored durably, delivered by the replication stream. Thread-safe.
 */
public final class ChatStore {


    /** History as of a snapshot, to be stitched to the stream (see {@link TransactionSnapshot}). */
    public record History(TransactionSnapshot snapshot, List<ChatRecord> messages) {
    }

    private final DataSource dataSource;
    private final AtomicLong stored = new AtomicLong();

    public ChatStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a message. A resend with the same {@code clientMsgId} is accepted and ignored (it is
     * delivered once). The recipient must be a registered user; its canonical spelling is used. So
     * must the sender: the statement key-share-locks the sender's account, so a message is either
     * stored before an operator's removal of the sender commits or refused ({@code account_removed}).
     */
    public void send(String sender, String recipient, String body, String clientMsgId)
            throws SQLException, RequestRefused {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("WITH sender AS ("
                     + "SELECT 1 FROM users WHERE lower(name) = lower(?) FOR KEY SHARE) "
                     + "INSERT INTO chat_messages (sender, recipient, body, client_msg_id) "
                     + "SELECT ?, u.name, ?, ? FROM users u WHERE lower(u.name) = lower(?) AND EXISTS (SELECT 1 FROM sender) "
                     + "ON CONFLICT (sender, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING "
                     + "RETURNING id")) {
            ps.setString(1, sender);
            ps.setString(2, sender);
            ps.setString(3, body);
            ps.setString(4, clientMsgId);
            ps.setString(5, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stored.incrementAndGet();
                    return;
                }
            }
            if (!userExists(c, sender)) {
                throw new RequestRefused(ErrorCode.ACCOUNT_REMOVED, "this account was removed by the relay's operator");
            }
            if (clientMsgId == null || !exists(c, sender, clientMsgId)) {
                throw new RequestRefused(ErrorCode.UNKNOWN_PEER, "no such user: " + recipient);
            }
        }
    }

    /** Messages stored through this instance (resends that were ignored do not count). */
    public long messagesStored() {
        return stored.get();
    }

    private static boolean userExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users WHERE lower(name) = lower(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean exists(Connection c, String sender, String clientMsgId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM chat_messages WHERE sender = ? AND client_msg_id = ?")) {
            ps.setString(1, sender);
            ps.setString(2, clientMsgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The user's most recent {@code limit} messages (sent or received), oldest first, read in one
     * REPEATABLE READ transaction together with its MVCC snapshot and the WAL position.
     */
    public History history(String user, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                TransactionSnapshot snapshot;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_current_snapshot()::text, pg_current_wal_lsn() - '0/0'::pg_lsn");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    snapshot = TransactionSnapshot.parse(rs.getString(1), rs.getLong(2));
                }
                List<ChatRecord> messages = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, sender, recipient, body, sent_at, client_msg_id "
                        + "FROM chat_messages WHERE sender = ? OR recipient = ? ORDER BY id DESC LIMIT ?")) {
                    ps.setString(1, user);
                    ps.setString(2, user);
                    ps.setInt(3, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            messages.add(new ChatRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), CallStore.micros(rs.getTimestamp(5)), rs.getString(6)));
                        }
                    }
                }
                c.commit();
                Collections.reverse(messages);
                return new History(snapshot, messages);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
