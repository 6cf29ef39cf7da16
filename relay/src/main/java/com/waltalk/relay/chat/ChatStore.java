package com.waltalk.relay.chat;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.contacts.ContactStore;
import com.waltalk.relay.contacts.Reach;
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
     * delivered once). The recipient must be a registered user who is the sender's contact
     * ({@code not_a_contact}); its canonical spelling is used. A message to someone who blocked or
     * removed the sender is stored {@linkplain ChatRecord#withheld() withheld}. The sender's account is
     * key-share-locked, so a message is either stored before an operator's removal of the sender commits
     * or refused ({@code account_removed}).
     */
    public void send(String sender, String recipient, String body, String clientMsgId)
            throws SQLException, RequestRefused {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long senderId = accountId(c, sender, true);
                if (senderId == 0) {
                    throw new RequestRefused(ErrorCode.ACCOUNT_REMOVED, "this account was removed by the relay's operator");
                }
                long recipientId = accountId(c, recipient, false);
                if (recipientId == 0) {
                    throw new RequestRefused(ErrorCode.UNKNOWN_PEER, "no such user: " + recipient);
                }
                Reach reach = ContactStore.reach(c, senderId, recipientId);
                if (reach == Reach.NOT_A_CONTACT) {
                    throw new RequestRefused(ErrorCode.NOT_A_CONTACT, recipient + " is not one of your contacts");
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_messages "
                        + "(sender, recipient, sender_id, recipient_id, body, client_msg_id, withheld) "
                        + "SELECT s.name, r.name, s.id, r.id, ?, ?, ? FROM users s, users r WHERE s.id = ? AND r.id = ? "
                        + "ON CONFLICT (sender_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING "
                        + "RETURNING id")) {
                    ps.setString(1, body);
                    ps.setString(2, clientMsgId);
                    ps.setBoolean(3, reach != Reach.MUTUAL);
                    ps.setLong(4, senderId);
                    ps.setLong(5, recipientId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            stored.incrementAndGet();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RequestRefused | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The id of the account with this name (case-insensitive), or 0; {@code lock} key-share-locks it. */
    private static long accountId(Connection c, String name, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE lower(name) = lower(?)"
                + (lock ? " FOR KEY SHARE" : ""))) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Messages stored through this instance (resends that were ignored do not count). */
    public long messagesStored() {
        return stored.get();
    }

    /**
     * The account's most recent {@code limit} messages (sent, or received and not withheld), oldest first, read in one
     * REPEATABLE READ transaction together with its MVCC snapshot and the WAL position.
     */
    public History history(long accountId, int limit) throws SQLException {
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
                try (PreparedStatement ps = c.prepareStatement("SELECT id, sender, recipient, body, sent_at, client_msg_id, withheld "
                        + "FROM chat_messages WHERE sender_id = ? OR (recipient_id = ? AND NOT withheld) "
                        + "ORDER BY id DESC LIMIT ?")) {
                    ps.setLong(1, accountId);
                    ps.setLong(2, accountId);
                    ps.setInt(3, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            messages.add(new ChatRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), CallStore.micros(rs.getTimestamp(5)), rs.getString(6), rs.getBoolean(7)));
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
