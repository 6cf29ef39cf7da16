package com.waltalk.relay.state;

import com.waltalk.protocol.control.CallState;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.calls.CallRows;
import com.waltalk.relay.calls.CallStateSql;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.chat.ChatRecord;
import com.waltalk.relay.contacts.ContactState;
import com.waltalk.relay.replication.ChangeHandler;
import com.waltalk.relay.replication.TransactionSnapshot;
import com.waltalk.relay.replication.pgoutput.Delete;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.relay.replication.pgoutput.PgOutputException;
import com.waltalk.relay.replication.pgoutput.TupleData;
import com.waltalk.relay.replication.pgoutput.Update;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link LiveState} in step with the database and tells sessions what changed.
 *
 * <p>Each time the stream (re)opens, the mirror is reloaded in one REPEATABLE READ transaction
 * together with its MVCC snapshot; afterwards, replicated transactions that snapshot already saw are
 * skipped and all others applied — no gap, no double application, and no re-reading of the database
 * in reaction to a change (a change can arrive before a new snapshot can see it). Changes are applied
 * from their own column values only.
 *
 * <p>Runs on the replication thread (not thread-safe on its own; see {@link LiveState} for readers).
 */
public final class StateChangeHandler implements ChangeHandler {

    private static final Logger log = LoggerFactory.getLogger(StateChangeHandler.class);

    private final DataSource dataSource;
    private final LiveState state;
    private final SessionNotifier notifier;
    private TransactionSnapshot loadedAt;

    public StateChangeHandler(DataSource dataSource, LiveState state, SessionNotifier notifier) {
        this.dataSource = dataSource;
        this.state = state;
        this.notifier = notifier;
    }

    @Override
    public void onStreamOpening(long liveFromLsn) throws SQLException {
        java.util.Map<Long, String> users = new java.util.HashMap<>();
        List<LiveState.ContactRow> contacts = new ArrayList<>();
        List<PresenceRecord> presence = new ArrayList<>();
        List<CallRecord> calls = new ArrayList<>();
        TransactionSnapshot snapshot;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_current_snapshot()::text, pg_current_wal_lsn() - '0/0'::pg_lsn");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    snapshot = TransactionSnapshot.parse(rs.getString(1), rs.getLong(2));
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM users");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        users.put(rs.getLong(1), rs.getString(2));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT owner_id, peer_id, state FROM contacts");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ContactState cs = ContactState.fromSql(rs.getString(3)).orElse(null);
                        if (cs != null) {
                            contacts.add(new LiveState.ContactRow(rs.getLong(1), rs.getLong(2), cs));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT user_name, relay_id, session_id FROM presence");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        presence.add(new PresenceRecord(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class)));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT " + CallStore.COLUMNS
                        + " FROM calls WHERE " + CallStateSql.ACTIVE);
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        calls.add(CallStore.read(rs));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        synchronized (state.lock()) {
            state.replaceAll(users, contacts, presence, calls);
            loadedAt = snapshot;
            notifier.stateReloaded();
        }
        log.debug("state mirror loaded at {}: {} users, {} contacts rows, {} online, {} active calls", snapshot,
                users.size(), contacts.size(), presence.size(), calls.size());
    }

    private boolean alreadyLoaded(Transaction tx) {
        return loadedAt != null && loadedAt.sawCommitted(tx.xid(), tx.commitLsn());
    }

    @Override
    public void onInsert(Insert insert, Transaction tx) {
        String table = insert.relation().name();
        try {
            switch (table) {
                case "chat_messages" -> notifyChat(insert.newTuple(), tx);
                case "users" -> {
                    if (!alreadyLoaded(tx)) {
                        addUser(insert.newTuple().getLong("id"), insert.newTuple().getString("name"));
                    }
                }
                case "presence" -> {
                    if (!alreadyLoaded(tx)) {
                        applyPresence(readPresence(insert.newTuple()), tx);
                    }
                }
                case "calls" -> {
                    if (!alreadyLoaded(tx)) {
                        applyCall(readCall(insert.newTuple()));
                    }
                }
                case "contacts" -> {
                    if (!alreadyLoaded(tx)) {
                        applyContact(insert.newTuple());
                    }
                }
                default -> {
                }
            }
        } catch (PgOutputException e) {
            log.warn("skipping malformed {} insert: {}", table, e.getMessage());
        }
    }

    @Override
    public void onUpdate(Update update, Transaction tx) {
        String table = update.relation().name();
        if (alreadyLoaded(tx)) {
            return;
        }
        try {
            switch (table) {
                case "presence" -> applyPresence(readPresence(update.newTuple()), tx);
                case "calls" -> applyCall(readCall(update.newTuple()));
                case "contacts" -> applyContact(update.newTuple());
                default -> {
                }
            }
        } catch (PgOutputException e) {
            log.warn("skipping malformed {} update: {}", table, e.getMessage());
        }
    }

    @Override
    public void onDelete(Delete delete, Transaction tx) {
        String table = delete.relation().name();
        boolean loaded = alreadyLoaded(tx);
        try {
            switch (table) {
                case "presence" -> {
                    if (!loaded) {
                        removePresence(readPresence(delete.oldTuple()));
                    }
                }
                case "users" -> removeUser(delete.oldTuple(), loaded);
                case "contacts" -> {
                    if (!loaded) {
                        removeContact(delete.oldTuple().getLong("owner_id"), delete.oldTuple().getLong("peer_id"));
                    }
                }
                case "calls" -> {
                    if (!loaded) {
                        removeCall(delete.oldTuple().getLong("id"));
                    }
                }
                default -> {
                }
            }
        } catch (PgOutputException e) {
            log.warn("skipping malformed {} delete: {}", table, e.getMessage());
        }
    }

    private void addUser(long id, String name) {
        synchronized (state.lock()) {
            // nobody is told: a new account has no contacts (its first rows arrive as contacts changes)
            state.addUser(id, name);
        }
    }

    /**
     * The old tuple carries only the key (the password hash keeps FULL identity off users), so map id → name.
     * Sessions of the account end even if the mirror was loaded after the deletion ({@code loaded}).
     */
    private void removeUser(TupleData old, boolean loaded) throws PgOutputException {
        long id = old.getLong("id");
        synchronized (state.lock()) {
            if (!loaded) {
                String name = state.nameOf(id);
                java.util.Set<Long> related = state.relatedTo(id);
                state.removeUser(id);
                if (name != null) {
                    for (Long other : related) {
                        notifier.contactChanged(other, new LiveState.ContactView(name,
                                com.waltalk.protocol.control.ContactRelation.NONE, LiveState.Status.OFFLINE));
                    }
                }
            }
            state.markAccountRemoved(id);
            notifier.accountRemoved(id);
        }
    }

    /** A contacts row was written: both people may see something new (a request, a contact, a block's effect). */
    private void applyContact(TupleData row) throws PgOutputException {
        ContactState cs = ContactState.fromSql(row.getString("state")).orElse(null);
        if (cs == null) {
            log.warn("skipping contacts row with unknown state {}", row.getString("state"));
            return;
        }
        long owner = row.getLong("owner_id");
        long peer = row.getLong("peer_id");
        synchronized (state.lock()) {
            state.putContact(owner, peer, cs);
            tellBoth(owner, peer);
        }
    }

    private void removeContact(long owner, long peer) {
        synchronized (state.lock()) {
            if (state.contact(owner, peer) == null) {
                return; // gone with a removed account, or never mirrored
            }
            state.removeContact(owner, peer);
            tellBoth(owner, peer);
        }
    }

    private void tellBoth(long a, long b) {
        LiveState.ContactView ofB = state.view(a, b);
        if (ofB != null) {
            notifier.contactChanged(a, ofB);
        }
        LiveState.ContactView ofA = state.view(b, a);
        if (ofA != null) {
            notifier.contactChanged(b, ofA);
        }
    }

    /**
     * A calls row was deleted: only with a removed account (ON DELETE CASCADE). If it was active, the other
     * party is told it ended, by the removed user.
     */
    private void removeCall(long id) {
        synchronized (state.lock()) {
            CallRecord active = state.activeCall(id);
            if (active == null) {
                return;
            }
            String gone = state.idOf(active.caller()) == null ? active.caller() : active.callee();
            long now = java.time.Instant.now().toEpochMilli() * 1000;
            CallState ended = active.accepted() ? CallState.ENDED
                    : gone.equals(active.caller()) ? CallState.CANCELLED : CallState.DECLINED;
            applyCall(new CallRecord(active.id(), active.caller(), active.callee(), ended, active.createdAt(),
                    active.answeredAt(), now, gone, active.callerVideo(), active.callerAudio(), active.calleeVideo(),
                    active.calleeAudio()));
        }
    }

    private void applyPresence(PresenceRecord p, Transaction tx) {
        synchronized (state.lock()) {
            LiveState.Status before = state.status(p.user());
            state.putPresence(p);
            notifier.presenceClaimed(p, tx);
            LiveState.Status after = state.status(p.user());
            if (before != after) {
                notifier.presenceChanged(p.user(), after);
            }
        }
    }

    private void removePresence(PresenceRecord p) {
        synchronized (state.lock()) {
            LiveState.Status before = state.status(p.user());
            state.removePresence(p.user(), p.sessionId());
            LiveState.Status after = state.status(p.user());
            if (before != after) {
                notifier.presenceChanged(p.user(), after);
            }
        }
    }

    private void applyCall(CallRecord call) {
        synchronized (state.lock()) {
            LiveState.Status callerBefore = state.status(call.caller());
            LiveState.Status calleeBefore = state.status(call.callee());
            state.putCall(call);
            notifier.callChanged(call);
            if (state.status(call.caller()) != callerBefore) {
                notifier.presenceChanged(call.caller(), state.status(call.caller()));
            }
            if (state.status(call.callee()) != calleeBefore) {
                notifier.presenceChanged(call.callee(), state.status(call.callee()));
            }
        }
    }

    private void notifyChat(TupleData row, Transaction tx) throws PgOutputException {
        ChatRecord message = new ChatRecord(row.getLong("id"), row.getString("sender"), row.getString("recipient"),
                row.getString("body"), row.getTimestampMicros("sent_at"),
                row.isNull("client_msg_id") ? null : row.getString("client_msg_id"),
                !row.isNull("withheld") && row.getBoolean("withheld"));
        notifier.chatArrived(message, tx);
    }

    private static PresenceRecord readPresence(TupleData row) throws PgOutputException {
        return new PresenceRecord(row.getString("user_name"), row.getString("relay_id"), row.getUuid("session_id"));
    }

    static CallRecord readCall(TupleData row) throws PgOutputException {
        return CallRows.read(new TupleRow(row));
    }

    /** A replicated {@code calls} tuple, by the column names {@link CallRows} owns. */
    private record TupleRow(TupleData row) implements CallRows.Row<PgOutputException> {
        @Override
        public boolean isNull(CallRows.Column column) throws PgOutputException {
            return row.isNull(column.sql());
        }

        @Override
        public long getLong(CallRows.Column column) throws PgOutputException {
            return row.getLong(column.sql());
        }

        @Override
        public String getString(CallRows.Column column) throws PgOutputException {
            return row.getString(column.sql());
        }

        @Override
        public boolean getBoolean(CallRows.Column column) throws PgOutputException {
            return row.getBoolean(column.sql());
        }

        @Override
        public long getTimestampMicros(CallRows.Column column) throws PgOutputException {
            return row.getTimestampMicros(column.sql());
        }

        @Override
        public PgOutputException corrupt(String message) {
            return new PgOutputException(message);
        }
    }
}
