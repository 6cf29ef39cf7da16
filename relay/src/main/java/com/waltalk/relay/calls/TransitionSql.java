package com.waltalk.relay.calls;

import com.waltalk.protocol.control.CallActor;
import com.waltalk.protocol.control.CallEvent;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallTransitions;
import com.waltalk.protocol.control.CallTransitions.Transition;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@link CallEvent} of {@link CallTransitions} as the SQL of an {@code UPDATE calls}, so that
 * {@link CallStore} states no call rule of its own: {@code UPDATE calls SET }{@link #assignments()}
 * {@code WHERE <which row> AND }{@link #guard()}.
 *
 * <p>The new state is a {@code CASE} over the row, {@code NULL} where the table allows nothing. For
 * an event of a party the actor is the acting user's role in the row, so the expression takes the
 * user as a parameter; {@code HANG_UP} becomes
 * <pre>
 * CASE WHEN caller = ? THEN CASE state WHEN 'ringing' THEN 'cancelled' WHEN 'accepted' THEN 'ended' END
 *      WHEN callee = ? THEN CASE state WHEN 'ringing' THEN 'declined' WHEN 'accepted' THEN 'ended' END END
 * </pre>
 * while the relay's own event has none ({@code CASE state WHEN 'ringing' THEN 'missed' END}). The
 * guard is {@code state IN (<the event's from-states>) AND (<new state>) IS NOT NULL}; the leading
 * IN-list lets the planner use the partial index {@code calls_active}. As the table says, a
 * transition to {@code accepted} sets {@code answered_at}, one to a final state {@code ended_at}
 * and, for a party's event, {@code ended_by} (the acting user).
 *
 * <p>Everything is a plain expression over the target row, so when a concurrent transaction changed
 * the row first, READ COMMITTED re-evaluates it on the row's newest version, as it would literal
 * guards: two racing requests can never both win.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
final class TransitionSql {

    private final CallEvent event;
    private final String assignments;
    private final String guard;
    /** Placeholders for the acting user in one occurrence of the new-state expression. */
    private final int stateParameters;
    private final boolean setsEndedBy;

    private TransitionSql(CallEvent event, boolean byParty) {
        List<Transition> rows = CallTransitions.of(event);
        if (rows.isEmpty() || rows.stream().anyMatch(t -> t.actor().isParty() != byParty)) {
            throw new IllegalArgumentException(event + " is not an event " + (byParty ? "of a party" : "of the relay"));
        }
        this.event = event;
        String newState;
        if (byParty) {
            StringBuilder sql = new StringBuilder("CASE");
            int parameters = 0;
            for (CallActor party : new CallActor[] {CallActor.CALLER, CallActor.CALLEE}) {
                String cases = cases(rows, party);
                if (!cases.isEmpty()) {
                    sql.append(" WHEN ").append(column(party)).append(" = ? THEN CASE state").append(cases)
                            .append(" END");
                    parameters++;
                }
            }
            newState = sql.append(" END").toString();
            this.stateParameters = parameters;
        } else {
            newState = "CASE state" + cases(rows, CallActor.RELAY) + " END";
            this.stateParameters = 0;
        }
        // every transition of one event answers the call, or every one ends it (CallTransitionsTest)
        boolean ends = rows.get(0).to().isFinal();
        if (rows.stream().anyMatch(t -> t.to().isFinal() != ends || (!ends && t.to() != CallState.ACCEPTED))) {
            throw new IllegalArgumentException(event + " neither always answers nor always ends a call");
        }
        this.setsEndedBy = ends && byParty;
        String times = ends ? ", ended_at = now()" : ", answered_at = now()";
        this.assignments = "state = " + newState + times + (setsEndedBy ? ", ended_by = ?" : "");
        this.guard = CallStateSql.in(fromStates(rows)) + " AND (" + newState + ") IS NOT NULL";
    }

    /**
     * An event a party sends, or the relay sends on a party's behalf: the actor is the user bound with
     * {@link #bindAssignments} and {@link #bindGuard}.
     *
     * @throws IllegalArgumentException if the table has a transition of {@code event} by the relay
     */
    static TransitionSql byParty(CallEvent event) {
        return new TransitionSql(event, true);
    }

    /**
     * An event of the relay's own (the ring timeout): no parameters.
     *
     * @throws IllegalArgumentException if the table has a transition of {@code event} by a party
     */
    static TransitionSql byRelay(CallEvent event) {
        return new TransitionSql(event, false);
    }

    CallEvent event() {
        return event;
    }

    /** The {@code SET} list: the new state and the times (and who ended it) that go with it. */
    String assignments() {
        return assignments;
    }

    /** Whether the event is allowed on the row. */
    String guard() {
        return guard;
    }

    /**
     * Binds the acting {@code user} to the placeholders of {@link #assignments()}, which start at parameter
     * {@code index}; nothing for an event of the relay.
     *
     * @return the index of the next parameter after them
     */
    int bindAssignments(PreparedStatement ps, int index, String user) throws SQLException {
        index = bindUser(ps, index, user, stateParameters);
        return setsEndedBy ? bindUser(ps, index, user, 1) : index;
    }

    /** As {@link #bindAssignments}, for the placeholders of {@link #guard()}. */
    int bindGuard(PreparedStatement ps, int index, String user) throws SQLException {
        return bindUser(ps, index, user, stateParameters);
    }

    private static int bindUser(PreparedStatement ps, int index, String user, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            ps.setString(index++, user);
        }
        return index;
    }

    /** {@code WHEN 'from' THEN 'to'} for each transition of {@code actor}, or "" if it has none. */
    private static String cases(List<Transition> rows, CallActor actor) {
        StringBuilder sql = new StringBuilder();
        for (Transition t : rows) {
            if (t.actor() == actor) {
                sql.append(" WHEN ").append(CallStateSql.literal(t.from()))
                        .append(" THEN ").append(CallStateSql.literal(t.to()));
            }
        }
        return sql.toString();
    }

    private static Set<CallState> fromStates(List<Transition> rows) {
        Set<CallState> from = new LinkedHashSet<>();
        for (Transition t : rows) {
            from.add(t.from());
        }
        return from;
    }

    private static String column(CallActor party) {
        return party == CallActor.CALLER ? "caller" : "callee";
    }
}
