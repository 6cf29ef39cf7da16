package com.waltalk.relay.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.CallActor;
import com.waltalk.protocol.control.CallEvent;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallTransitions;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CallStore} does what {@link CallTransitions} says, against a real database: every event on a call in every
 * state, by the caller, the callee and someone who is no party, changes the row exactly as the table's transition
 * says (with answered_at, ended_at and ended_by to match) or leaves it alone and is refused.
 */
class CallStoreTransitionsIT {

    private static final String CALLER = "tcaller";
    private static final String CALLEE = "tcallee";
    private static final String STRANGER = "tstranger";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static CallStore calls;

    @BeforeAll
    static void open() {
        calls = new CallStore(db.pool());
    }

    /** A party's message: accept, decline, hang up. */
    private interface PartyAction {
        void run(long callId, String user) throws Exception;
    }

    private static final Map<CallEvent, PartyAction> MESSAGES = new EnumMap<>(Map.of(
            CallEvent.ACCEPT, (id, user) -> calls.accept(id, user),
            CallEvent.DECLINE, (id, user) -> calls.decline(id, user),
            CallEvent.HANG_UP, (id, user) -> calls.hangup(id, user)));

    @Test
    void aPartysMessageMovesTheCallAsTheTableSaysOrIsRefused() throws Exception {
        for (Map.Entry<CallEvent, PartyAction> message : MESSAGES.entrySet()) {
            CallEvent event = message.getKey();
            for (CallState from : CallState.values()) {
                for (CallActor actor : new CallActor[] {CallActor.CALLER, CallActor.CALLEE}) {
                    String at = event + " by " + actor + " on a " + from + " call";
                    long id = insertCall(from);
                    CallRecord before = calls.find(id).orElseThrow();
                    Optional<CallState> next = CallTransitions.next(from, event, actor);
                    if (next.isPresent()) {
                        message.getValue().run(id, user(actor));
                        assertTransition(at, before, calls.find(id).orElseThrow(), next.get(), user(actor));
                    } else {
                        assertThatThrownBy(() -> message.getValue().run(id, user(actor))).as(at)
                                .isInstanceOfSatisfying(RequestRefused.class, e -> {
                                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_CALL_STATE);
                                    assertThat(e.getMessage()).startsWith(CallTransitions.refusal(event))
                                            .endsWith("is " + from.wire() + ")");
                                });
                        assertThat(calls.find(id).orElseThrow()).as(at).isEqualTo(before);
                    }
                }
                long id = insertCall(from);
                CallRecord before = calls.find(id).orElseThrow();
                assertThatThrownBy(() -> message.getValue().run(id, STRANGER)).as(event + " by a stranger")
                        .isInstanceOfSatisfying(RequestRefused.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CALL));
                assertThat(calls.find(id).orElseThrow()).isEqualTo(before);
            }
        }
    }

    @Test
    void aGonePartysCallEndsAsTheTableSays() throws Exception {
        for (CallState from : CallState.values()) {
            for (CallActor actor : new CallActor[] {CallActor.CALLER, CallActor.CALLEE}) {
                String at = actor + " gone from a " + from + " call";
                long id = insertCall(from);
                CallRecord before = calls.find(id).orElseThrow();
                Optional<CallState> next = CallTransitions.next(from, CallEvent.PARTY_GONE, actor);
                assertThat(calls.endAbandoned(id, user(actor))).as(at).isEqualTo(next.isPresent());
                if (next.isPresent()) {
                    assertTransition(at, before, calls.find(id).orElseThrow(), next.get(), user(actor));
                } else {
                    assertThat(calls.find(id).orElseThrow()).as(at).isEqualTo(before);
                }
            }
            long id = insertCall(from);
            assertThat(calls.endAbandoned(id, STRANGER)).as("a stranger is no party").isFalse();
        }
    }

    @Test
    void theRingTimeoutEndsTheCallsTheTableSaysAndNoOthers() throws Exception {
        Map<CallState, Long> ids = new EnumMap<>(CallState.class);
        Map<CallState, CallRecord> before = new EnumMap<>(CallState.class);
        for (CallState from : CallState.values()) {
            long id = insertCall(from);
            ids.put(from, id);
            before.put(from, calls.find(id).orElseThrow());
        }
        assertThat(calls.expireRinging(Duration.ofSeconds(30))).isPositive();
        for (CallState from : CallState.values()) {
            CallRecord after = calls.find(ids.get(from)).orElseThrow();
            Optional<CallState> next = CallTransitions.next(from, CallEvent.RING_TIMEOUT, CallActor.RELAY);
            if (next.isPresent()) {
                assertTransition("ring timeout of a " + from + " call", before.get(from), after, next.get(), null);
            } else {
                assertThat(after).as("ring timeout of a " + from + " call").isEqualTo(before.get(from));
            }
        }
    }

    /** The new state, and what goes with it: answered_at for accepted, ended_at and ended_by for a final state. */
    private static void assertTransition(String at, CallRecord before, CallRecord after, CallState to,
                                         String endedBy) {
        assertThat(after.state()).as(at).isEqualTo(to);
        if (to.isFinal()) {
            assertThat(after.endedAt()).as(at + ": ended_at").isNotNull();
            assertThat(after.endedBy()).as(at + ": ended_by").isEqualTo(endedBy);
            assertThat(after.answeredAt()).as(at + ": answered_at").isEqualTo(before.answeredAt());
        } else {
            assertThat(after.answeredAt()).as(at + ": answered_at").isNotNull();
            assertThat(after.endedAt()).as(at + ": ended_at").isNull();
        }
    }

    private static String user(CallActor party) {
        return party == CallActor.CALLER ? CALLER : CALLEE;
    }

    /** A call in {@code state}, created a minute ago, with the times a call in that state has. */
    private static long insertCall(CallState state) throws Exception {
        // a call refers to its parties' accounts (issue 12): they exist first
        try (Connection c = db.pool().getConnection();
             PreparedStatement users = c.prepareStatement("INSERT INTO users (name, password_hash) "
                     + "VALUES (?, 'x'), (?, 'x') ON CONFLICT ((lower(name))) DO NOTHING")) {
            users.setString(1, CALLER);
            users.setString(2, CALLEE);
            users.executeUpdate();
        }
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO calls (caller, callee, caller_id, callee_id, state, "
                     + "created_at, answered_at, ended_at) SELECT a.name, b.name, a.id, b.id, ?, "
                     + "now() - interval '1 minute', CASE WHEN ? IN ('accepted', 'ended') THEN now() END, "
                     + "CASE WHEN ? THEN now() END FROM users a, users b WHERE a.name = ? AND b.name = ? "
                     + "RETURNING id")) {
            ps.setString(1, state.wire());
            ps.setString(2, state.wire());
            ps.setBoolean(3, state.isFinal());
            ps.setString(4, CALLER);
            ps.setString(5, CALLEE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
