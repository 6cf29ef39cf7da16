package com.waltalk.relay.contacts;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ContactAction;
import com.waltalk.relay.refusal.RequestRefused;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The {@code contacts} table: applies {@code contact_action}s and answers reach checks. Never reads back
 * what the replication stream will deliver: both users learn the outcome from the changed rows.
 *
 * <p>Each action runs in one transaction that first takes a transaction-level advisory lock on the pair,
 * so two people acting on each other at once (both asking, one asking while the other blocks) serialize
 * and the pair's two rows always end in a state {@link ContactViews} describes. Thread-safe.
 */
public final class ContactStore {

    /** Most rows an account may own (contacts, requests and blocks together). */
    public static final int MAX_ROWS_PER_ACCOUNT = 5_000;

    /** The other user of an applied action. */
    public record Peer(long id, String name) {
    }

    private final DataSource dataSource;

    public ContactStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies {@code action} of account {@code ownerId} about the user named {@code peerName}
     * (case-insensitive).
     *
     * @return the peer
     * @throws RequestRefused {@code unknown_peer} (no such name), {@code bad_field} (oneself),
     *     {@code no_contact_request} (accept without a request), {@code rate_limited} (list full),
     *     {@code account_removed} (the owner was removed a moment ago)
     */
    public Peer apply(long ownerId, String peerName, ContactAction.Kind action) throws SQLException, RequestRefused {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Peer peer = findPeer(c, ownerId, peerName);
                lockPair(c, ownerId, peer.id());
                ContactState mine = state(c, ownerId, peer.id());
                ContactState theirs = state(c, peer.id(), ownerId);
                switch (action) {
                    case REQUEST -> request(c, ownerId, peer.id(), mine, theirs);
                    case ACCEPT -> {
                        if (theirs != ContactState.REQUESTED) {
                            throw new RequestRefused(ErrorCode.NO_CONTACT_REQUEST,
                                    peer.name() + " has not asked to become contacts");
                        }
                        put(c, ownerId, peer.id(), ContactState.ACCEPTED);
                        put(c, peer.id(), ownerId, ContactState.ACCEPTED);
                    }
                    case DECLINE -> delete(c, peer.id(), ownerId, ContactState.REQUESTED);
                    case BLOCK -> put(c, ownerId, peer.id(), ContactState.BLOCKED);
                    case UNBLOCK -> delete(c, ownerId, peer.id(), ContactState.BLOCKED);
                    case REMOVE -> delete(c, ownerId, peer.id(), null);
                }
                c.commit();
                return peer;
            } catch (SQLException | RequestRefused | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void request(Connection c, long owner, long peer, ContactState mine, ContactState theirs)
            throws SQLException, RequestRefused {
        if (mine == ContactState.ACCEPTED) {
            return; // already asked and accepted: nothing to do (whatever the other side did, silently)
        }
        if (mine == null && ownedRows(c, owner) >= MAX_ROWS_PER_ACCOUNT) {
            throw new RequestRefused(ErrorCode.RATE_LIMITED, "your contact lists are full ("
                    + MAX_ROWS_PER_ACCOUNT + " people); remove someone first");
        }
        if (theirs == ContactState.REQUESTED || theirs == ContactState.ACCEPTED) {
            // they asked too, or they still accept us (we had removed them): contacts at once
            put(c, owner, peer, ContactState.ACCEPTED);
            put(c, peer, owner, ContactState.ACCEPTED);
        } else {
            // no row, or they block us: the request stands (a blocked one silently never shows)
            put(c, owner, peer, ContactState.REQUESTED);
        }
    }

    /**
     * Whether {@code from} may reach {@code to}, read in the caller's transaction (calls and chat check
     * it where they write).
     */
    public static Reach reach(Connection c, long from, long to) throws SQLException {
        ContactState mine = null;
        ContactState theirs = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_id, state FROM contacts "
                + "WHERE (owner_id = ? AND peer_id = ?) OR (owner_id = ? AND peer_id = ?)")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setLong(3, to);
            ps.setLong(4, from);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ContactState s = ContactState.fromSql(rs.getString(2)).orElse(null);
                    if (rs.getLong(1) == from) {
                        mine = s;
                    } else {
                        theirs = s;
                    }
                }
            }
        }
        return ContactViews.reach(mine, theirs);
    }

    private static Peer findPeer(Connection c, long ownerId, String peerName) throws SQLException, RequestRefused {
        Peer peer = null;
        boolean ownerExists = false;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name FROM users WHERE id = ? OR lower(name) = lower(?) FOR KEY SHARE")) {
            ps.setLong(1, ownerId);
            ps.setString(2, peerName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id == ownerId) {
                        ownerExists = true;
                    }
                    if (rs.getString(2).equalsIgnoreCase(peerName)) {
                        peer = new Peer(id, rs.getString(2));
                    }
                }
            }
        }
        if (!ownerExists) {
            throw new RequestRefused(ErrorCode.ACCOUNT_REMOVED, "this account was removed by the relay's operator");
        }
        if (peer == null) {
            throw new RequestRefused(ErrorCode.UNKNOWN_PEER, "nobody is called " + peerName + " on this relay");
        }
        if (peer.id() == ownerId) {
            throw new RequestRefused(ErrorCode.BAD_FIELD, "that is you");
        }
        return peer;
    }

    private static void lockPair(Connection c, long a, long b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            // the two-int form, keyed by the pair in a fixed order; a collision only serializes more
            ps.setInt(1, (int) Math.min(a, b));
            ps.setInt(2, (int) Math.max(a, b));
            ps.execute();
        }
    }

    private static ContactState state(Connection c, long owner, long peer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state FROM contacts WHERE owner_id = ? AND peer_id = ?")) {
            ps.setLong(1, owner);
            ps.setLong(2, peer);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? ContactState.fromSql(rs.getString(1)).orElse(null) : null;
            }
        }
    }

    private static long ownedRows(Connection c, long owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM contacts WHERE owner_id = ?")) {
            ps.setLong(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Writes the row unless it already says so (an unchanged row would only cost a replicated update). */
    private static void put(Connection c, long owner, long peer, ContactState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (owner_id, peer_id, state) "
                + "VALUES (?, ?, ?) ON CONFLICT (owner_id, peer_id) DO UPDATE SET state = EXCLUDED.state, "
                + "changed_at = now() WHERE contacts.state <> EXCLUDED.state")) {
            ps.setLong(1, owner);
            ps.setLong(2, peer);
            ps.setString(3, state.sql());
            ps.executeUpdate();
        }
    }

    /** Deletes the row, if it is in {@code state} (any state if null). */
    private static void delete(Connection c, long owner, long peer, ContactState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM contacts WHERE owner_id = ? AND peer_id = ?"
                + (state == null ? "" : " AND state = ?"))) {
            ps.setLong(1, owner);
            ps.setLong(2, peer);
            if (state != null) {
                ps.setString(3, state.sql());
            }
            ps.executeUpdate();
        }
    }
}
