package com.waltalk.relay.calls;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.CallEvent;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallTransitions;
import com.waltalk.relay.contacts.ContactStore;
import com.waltalk.relay.contacts.Reach;
import com.waltalk.relay.refusal.RequestRefused;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Call state transitions, each one transaction with the row locked, so two racing requests can never
 * both win. Never reads back what the replication stream will deliver: callers learn transitions
 * from the stream, like everyone else. The rules are {@link CallTransitions}: every guard and new
 * state below is built from it ({@link TransitionSql}, {@link CallStateSql}). Thread-safe.
 */
public final class CallStore {

    private static final TransitionSql ACCEPT = TransitionSql.byParty(CallEvent.ACCEPT);
    private static final TransitionSql DECLINE = TransitionSql.byParty(CallEvent.DECLINE);
    private static final TransitionSql HANG_UP = TransitionSql.byParty(CallEvent.HANG_UP);
    private static final TransitionSql PARTY_GONE = TransitionSql.byParty(CallEvent.PARTY_GONE);
    private static final TransitionSql RING_TIMEOUT = TransitionSql.byRelay(CallEvent.RING_TIMEOUT);

    /** The select list of a whole {@link CallRecord}: {@link CallRows#SELECT_LIST}. */
    public static final String COLUMNS = CallRows.SELECT_LIST;

    private final DataSource dataSource;

    public CallStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Starts a call. Both users' rows are locked in name order, so simultaneous calls between the same
     * two people serialize: the second finds the first ringing towards its caller — both want to
     * talk — and accepts it instead of starting another. Otherwise the outcome is a new row:
     * {@code ringing}, {@code busy} (callee already in a call) or {@code missed} (callee offline) —
     * the latter two are final at once and stay as history. A caller whose account was removed a
     * moment ago (the relay has not closed its session yet) is refused with {@code account_removed}.
     *
     * @return the new call's row, or null when the request accepted the callee's crossing call
     */
    public CallRecord start(String caller, String calleeName) throws SQLException, RequestRefused {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Parties parties = lockUsers(c, caller, calleeName);
                String callee = parties.calleeName();
                if (callee.equals(caller)) {
                    throw new RequestRefused(ErrorCode.BAD_FIELD, "you cannot call yourself");
                }
                Reach reach = ContactStore.reach(c, parties.callerId(), parties.calleeId());
                if (reach == Reach.NOT_A_CONTACT) {
                    throw new RequestRefused(ErrorCode.NOT_A_CONTACT, callee + " is not one of your contacts");
                }
                if (acceptCrossedCall(c, caller, callee)) {
                    c.commit();
                    return null;
                }
                if (hasActiveCall(c, caller)) {
                    throw new RequestRefused(ErrorCode.BAD_CALL_STATE, "you are already in a call");
                }
                // Someone who blocked or removed the caller is, to the caller, simply offline (a block is silent).
                CallState state = reach == Reach.MUTUAL
                        ? CallTransitions.atStart(hasActiveCall(c, callee), isPresent(c, callee))
                        : CallTransitions.atStart(false, false);
                CallRecord call;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (caller, callee, caller_id, callee_id, "
                        + "state, ended_at) VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN now() END) RETURNING " + COLUMNS)) {
                    ps.setString(1, caller);
                    ps.setString(2, callee);
                    ps.setLong(3, parties.callerId());
                    ps.setLong(4, parties.calleeId());
                    ps.setString(5, state.wire());
                    ps.setBoolean(6, state.isFinal());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        call = read(rs);
                    }
                }
                c.commit();
                return call;
            } catch (SQLException | RequestRefused | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The two parties of a call being started: their account ids and the callee's canonical name. */
    private record Parties(long callerId, long calleeId, String calleeName) {
    }

    /**
     * If {@code callee} is ringing {@code caller} right now, accepts that call; returns whether it did.
     * {@code caller} is that call's callee: this is its {@code ACCEPT}.
     */
    private static boolean acceptCrossedCall(Connection c, String caller, String callee) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET " + ACCEPT.assignments()
                + " WHERE caller = ? AND callee = ? AND " + ACCEPT.guard())) {
            int i = ACCEPT.bindAssignments(ps, 1, caller);
            ps.setString(i++, callee);
            ps.setString(i++, caller);
            ACCEPT.bindGuard(ps, i, caller);
            return ps.executeUpdate() > 0;
        }
    }

    /** Locks both users' rows in a fixed order; returns their ids and the callee's canonical name. */
    private static Parties lockUsers(Connection c, String caller, String callee) throws SQLException, RequestRefused {
        String canonicalCallee = null;
        long calleeId = 0;
        long callerId = 0;
        boolean callerExists = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM users WHERE lower(name) IN (lower(?), lower(?)) "
                + "ORDER BY lower(name) FOR UPDATE")) {
            ps.setString(1, caller);
            ps.setString(2, callee);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    if (name.equalsIgnoreCase(callee)) {
                        canonicalCallee = name;
                        calleeId = rs.getLong(1);
                    }
                    if (name.equalsIgnoreCase(caller)) {
                        callerExists = true;
                        callerId = rs.getLong(1);
                    }
                }
            }
        }
        if (!callerExists) {
            // removed by the operator a moment ago; the relay closes the session when the delete arrives
            throw new RequestRefused(ErrorCode.ACCOUNT_REMOVED, "this account was removed by the relay's operator");
        }
        if (canonicalCallee == null) {
            throw new RequestRefused(ErrorCode.UNKNOWN_PEER, "no such user: " + callee);
        }
        return new Parties(callerId, calleeId, canonicalCallee);
    }

    /**
     * Whether {@code user} has a ringing or accepted call. Locks what it finds: a call that another
     * transaction has just ended (e.g. the ring timeout) may still look active to this statement's
     * snapshot for a moment after that commit was streamed to the clients — a client that saw "missed"
     * and calls again at once would be refused. {@code FOR UPDATE} waits for such a transaction and
     * re-checks the row's newest version, so only calls that are still active count.
     */
    private static boolean hasActiveCall(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM calls WHERE " + CallStateSql.ACTIVE
                + " AND (caller = ? OR callee = ?) LIMIT 1 FOR UPDATE")) {
            ps.setString(1, user);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean isPresent(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM presence WHERE user_name = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The callee accepts a ringing call. */
    public void accept(long callId, String user) throws SQLException, RequestRefused {
        transition(callId, user, ACCEPT);
    }

    /** The callee declines a ringing call. */
    public void decline(long callId, String user) throws SQLException, RequestRefused {
        transition(callId, user, DECLINE);
    }

    /**
     * Hangs up: the caller of a ringing call cancels it, the callee of a ringing call declines it,
     * either party of an accepted call ends it.
     */
    public void hangup(long callId, String user) throws SQLException, RequestRefused {
        transition(callId, user, HANG_UP);
    }

    /** A party switches its camera or microphone; the peer learns it from the call row. */
    public void setMedia(long callId, String user, boolean video, boolean audio) throws SQLException, RequestRefused {
        inTransaction(user, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET "
                    + "caller_video = CASE WHEN caller = ? THEN ? ELSE caller_video END, "
                    + "caller_audio = CASE WHEN caller = ? THEN ? ELSE caller_audio END, "
                    + "callee_video = CASE WHEN callee = ? THEN ? ELSE callee_video END, "
                    + "callee_audio = CASE WHEN callee = ? THEN ? ELSE callee_audio END "
                    + "WHERE id = ? AND (caller = ? OR callee = ?) AND " + CallStateSql.ACTIVE)) {
                ps.setString(1, user);
                ps.setBoolean(2, video);
                ps.setString(3, user);
                ps.setBoolean(4, audio);
                ps.setString(5, user);
                ps.setBoolean(6, video);
                ps.setString(7, user);
                ps.setBoolean(8, audio);
                ps.setLong(9, callId);
                ps.setString(10, user);
                ps.setString(11, user);
                if (ps.executeUpdate() == 0) {
                    explainRefusal(c, callId, user, "the call is over");
                }
            }
        });
    }

    /** {@code user}'s {@code event} on call {@code callId}, refused with the table's reason if not allowed. */
    private void transition(long callId, String user, TransitionSql event) throws SQLException, RequestRefused {
        inTransaction(user, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE calls SET " + event.assignments()
                    + " WHERE id = ? AND " + event.guard())) {
                int i = event.bindAssignments(ps, 1, user);
                ps.setLong(i++, callId);
                event.bindGuard(ps, i, user);
                if (ps.executeUpdate() == 0) {
                    explainRefusal(c, callId, user, CallTransitions.refusal(event.event()));
                }
            }
        });
    }

    private interface CallAction {
        void run(Connection c) throws SQLException, RequestRefused;
    }

    /**
     * Runs a party's action on an existing call in one READ COMMITTED transaction that first waits for
     * every call creation involving {@code user} to be visible.
     *
     * <p>The replication stream can deliver a commit a moment before new snapshots see it (PostgreSQL
     * flushes the commit record, which the walsender may send at once, before it removes the transaction
     * from the running ones; see {@code TransactionSnapshot}). A callee who accepts the instant "ringing"
     * arrives would then find no such call ({@code unknown_call}). {@link #start} holds both parties'
     * user rows locked until its transaction has fully ended, so locking the actor's row here waits out
     * exactly that window; the next statement takes a new snapshot, which sees the call. Updates of
     * existing rows need no such fence: they wait for the row's lock themselves.
     */
    private void inTransaction(String user, CallAction action) throws SQLException, RequestRefused {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM users WHERE lower(name) = lower(?) FOR SHARE")) {
                    ps.setString(1, user);
                    ps.executeQuery().close();
                }
                action.run(c);
                c.commit();
            } catch (SQLException | RequestRefused | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Turns "0 rows updated" into the right error: not your call (or none) vs wrong state. */
    private static void explainRefusal(Connection c, long callId, String user, String refusal)
            throws SQLException, RequestRefused {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM calls WHERE id = ? AND (caller = ? OR callee = ?)")) {
            ps.setLong(1, callId);
            ps.setString(2, user);
            ps.setString(3, user);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RequestRefused(ErrorCode.UNKNOWN_CALL, "no call " + callId + " of yours");
                }
                throw new RequestRefused(ErrorCode.BAD_CALL_STATE, refusal + " (call " + callId + " is " + rs.getString(1) + ")");
            }
        }
    }

    /** Ringing calls older than {@code timeout} become missed ({@code RING_TIMEOUT}); returns how many. */
    public int expireRinging(Duration timeout) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE calls SET " + RING_TIMEOUT.assignments()
                     + " WHERE " + RING_TIMEOUT.guard() + " AND created_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, timeout.toMillis() / 1000.0);
            return ps.executeUpdate();
        }
    }

    /**
     * Ends every ringing or accepted call that has a party without a presence row, as
     * {@link #endAbandoned} would (the caller counts as the one gone when both are). For a relay
     * starting after nobody watched the calls for longer than the reconnect grace: without it, a call
     * left active when the last relay stopped would resume, hours later, when its parties sign in.
     *
     * @return how many calls it ended
     */
    public int endCallsWithAbsentParties() throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, CASE WHEN NOT EXISTS "
                     + "(SELECT 1 FROM presence p WHERE p.user_name = calls.caller) THEN caller ELSE callee END "
                     + "FROM calls WHERE " + CallStateSql.ACTIVE + " AND (NOT EXISTS "
                     + "(SELECT 1 FROM presence p WHERE p.user_name = calls.caller) OR NOT EXISTS "
                     + "(SELECT 1 FROM presence p WHERE p.user_name = calls.callee))");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                gone.add(rs.getString(2));
            }
        }
        int ended = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (endAbandoned(ids.get(i), gone.get(i))) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * Ends an active call because {@code goneUser} has been offline too long ({@code PARTY_GONE}): a
     * ringing call is cancelled (caller gone) or missed (callee gone), an accepted one ended. Returns
     * whether it did.
     *
     * <p>The caller decides from its mirror, which lags the database a little; a party that signed in
     * again just now (on any relay) is back, so the update itself requires that it is still absent.
     */
    public boolean endAbandoned(long callId, String goneUser) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE calls SET " + PARTY_GONE.assignments()
                     + " WHERE id = ? AND " + PARTY_GONE.guard()
                     + " AND NOT EXISTS (SELECT 1 FROM presence WHERE user_name = ?)")) {
            int i = PARTY_GONE.bindAssignments(ps, 1, goneUser);
            ps.setLong(i++, callId);
            i = PARTY_GONE.bindGuard(ps, i, goneUser);
            ps.setString(i, goneUser);
            return ps.executeUpdate() > 0;
        }
    }

    /** The account's most recent calls, newest first. */
    public List<CallRecord> history(long accountId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM calls WHERE caller_id = ? OR callee_id = ? "
                     + "ORDER BY id DESC LIMIT ?")) {
            ps.setLong(1, accountId);
            ps.setLong(2, accountId);
            ps.setInt(3, limit);
            List<CallRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }

    public Optional<CallRecord> find(long callId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM calls WHERE id = ?")) {
            ps.setLong(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Reads a row selected with {@link #COLUMNS}. */
    public static CallRecord read(ResultSet rs) throws SQLException {
        return CallRows.read(rs);
    }

    public static long micros(Timestamp t) {
        return Math.floorDiv(t.getTime(), 1000L) * 1_000_000 + t.getNanos() / 1000;
    }

}
