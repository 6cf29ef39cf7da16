package com.waltalk.protocol.control;

import static com.waltalk.protocol.control.CallActor.CALLEE;
import static com.waltalk.protocol.control.CallActor.CALLER;
import static com.waltalk.protocol.control.CallActor.RELAY;
import static com.waltalk.protocol.control.CallEvent.ACCEPT;
import static com.waltalk.protocol.control.CallEvent.DECLINE;
import static com.waltalk.protocol.control.CallEvent.HANG_UP;
import static com.waltalk.protocol.control.CallEvent.PARTY_GONE;
import static com.waltalk.protocol.control.CallEvent.RING_TIMEOUT;
import static com.waltalk.protocol.control.CallState.ACCEPTED;
import static com.waltalk.protocol.control.CallState.BUSY;
import static com.waltalk.protocol.control.CallState.CANCELLED;
import static com.waltalk.protocol.control.CallState.DECLINED;
import static com.waltalk.protocol.control.CallState.ENDED;
import static com.waltalk.protocol.control.CallState.MISSED;
import static com.waltalk.protocol.control.CallState.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.waltalk.protocol.control.CallTransitions.Transition;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallTransitionsTest {

    /**
     * docs/PROTOCOL.md's "Who may do what" table and its "Disconnection" rule, written out again
     * by hand: every (state, event, actor) not listed here must be refused.
     */
    private static final Map<List<Object>, CallState> PROTOCOL = new HashMap<>();

    static {
        allow(RINGING, ACCEPT, CALLEE, ACCEPTED);
        allow(RINGING, DECLINE, CALLEE, DECLINED);
        allow(RINGING, HANG_UP, CALLER, CANCELLED);
        allow(RINGING, HANG_UP, CALLEE, DECLINED);
        allow(ACCEPTED, HANG_UP, CALLER, ENDED);
        allow(ACCEPTED, HANG_UP, CALLEE, ENDED);
        allow(RINGING, RING_TIMEOUT, RELAY, MISSED);
        allow(RINGING, PARTY_GONE, CALLER, CANCELLED);
        allow(RINGING, PARTY_GONE, CALLEE, MISSED);
        allow(ACCEPTED, PARTY_GONE, CALLER, ENDED);
        allow(ACCEPTED, PARTY_GONE, CALLEE, ENDED);
    }

    private static void allow(CallState from, CallEvent event, CallActor actor, CallState to) {
        PROTOCOL.put(List.of(from, event, actor), to);
    }

    @Test
    void everyStateEventAndActorLeadsWhereTheProtocolSays() {
        int checked = 0;
        for (CallState from : CallState.values()) {
            for (CallEvent event : CallEvent.values()) {
                for (CallActor actor : CallActor.values()) {
                    Optional<CallState> expected =
                            Optional.ofNullable(PROTOCOL.get(List.of(from, event, actor)));
                    assertThat(CallTransitions.next(from, event, actor))
                            .as("%s %s by %s", from, event, actor).isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(CallState.values().length * CallEvent.values().length
                * CallActor.values().length);
    }

    @Test
    void theTableHasOneRowPerAllowedTransitionAndOfListsTheEventsRows() {
        assertThat(CallTransitions.all()).hasSize(PROTOCOL.size());
        Set<List<Object>> keys = new HashSet<>();
        for (Transition t : CallTransitions.all()) {
            assertThat(keys.add(List.of(t.from(), t.event(), t.actor())))
                    .as("duplicate %s", t).isTrue();
        }
        for (CallEvent event : CallEvent.values()) {
            assertThat(CallTransitions.of(event)).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.event()).isEqualTo(event))
                    .containsExactlyElementsOf(CallTransitions.all().stream()
                            .filter(t -> t.event() == event).toList());
        }
    }

    @Test
    void aStateIsFinalExactlyWhenNoEventLeavesIt() {
        for (CallState state : CallState.values()) {
            boolean leaves = Arrays.stream(CallEvent.values())
                    .anyMatch(e -> Arrays.stream(CallActor.values())
                            .anyMatch(a -> CallTransitions.next(state, e, a).isPresent()));
            assertThat(state.isFinal()).as(state.name()).isEqualTo(!leaves);
        }
        assertThat(Arrays.stream(CallState.values()).filter(s -> !s.isFinal()))
                .containsExactly(RINGING, ACCEPTED);
    }

    /** What the relay stores with a transition (answered_at, or ended_at) depends on this. */
    @Test
    void everyEventEitherAlwaysAnswersOrAlwaysEndsTheCall() {
        for (CallEvent event : CallEvent.values()) {
            Set<Boolean> ends = new HashSet<>();
            for (Transition t : CallTransitions.of(event)) {
                ends.add(t.to().isFinal());
                if (!t.to().isFinal()) {
                    assertThat(t.to()).as("%s", t).isEqualTo(ACCEPTED);
                }
            }
            assertThat(ends).as(event.name()).hasSize(1);
        }
    }

    @Test
    void theRelayActsAloneOnlyOnTheRingTimeoutAndPartiesNever() {
        for (Transition t : CallTransitions.all()) {
            assertThat(t.actor() == RELAY).as("%s", t).isEqualTo(t.event() == RING_TIMEOUT);
        }
        assertThat(RELAY.isParty()).isFalse();
        assertThat(CALLER.isParty()).isTrue();
        assertThat(CALLEE.isParty()).isTrue();
    }

    @Test
    void aStartRingsUnlessTheCalleeIsInACallOrOffline() {
        assertThat(CallTransitions.atStart(false, true)).isEqualTo(RINGING);
        assertThat(CallTransitions.atStart(false, false)).isEqualTo(MISSED);
        assertThat(CallTransitions.atStart(true, true)).isEqualTo(BUSY);
        assertThat(CallTransitions.atStart(true, false))
                .as("in a call, disconnected within the grace").isEqualTo(BUSY);
    }

    /** The relay answers bad_call_state with these: what it said before the table existed. */
    @Test
    void refusalsAreSentencesDerivedFromTheTable() {
        assertThat(CallTransitions.refusal(ACCEPT))
                .isEqualTo("only the callee can accept a ringing call");
        assertThat(CallTransitions.refusal(DECLINE))
                .isEqualTo("only the callee can decline a ringing call");
        assertThat(CallTransitions.refusal(HANG_UP)).isEqualTo("the call is already over");
        assertThat(CallTransitions.refusal(PARTY_GONE)).isEqualTo("the call is already over");
        assertThat(CallTransitions.refusal(RING_TIMEOUT))
                .isEqualTo("only the relay can time out a ringing call");
    }

    @Test
    void aUsersRoleIsCallerCalleeOrNone() {
        assertThat(CallActor.roleOf("alice", "alice", "bob")).contains(CALLER);
        assertThat(CallActor.roleOf("bob", "alice", "bob")).contains(CALLEE);
        assertThat(CallActor.roleOf("Bob", "alice", "bob")).as("names are case-sensitive")
                .isEmpty();
        assertThat(CallActor.roleOf("carol", "alice", "bob")).isEmpty();
    }

    @Test
    void nullsAreRefused() {
        assertThatNullPointerException()
                .isThrownBy(() -> CallTransitions.next(null, ACCEPT, CALLEE));
        assertThatNullPointerException()
                .isThrownBy(() -> CallTransitions.next(RINGING, null, CALLEE));
        assertThatNullPointerException()
                .isThrownBy(() -> CallTransitions.next(RINGING, ACCEPT, null));
        assertThatNullPointerException()
                .isThrownBy(() -> new Transition(RINGING, ACCEPT, CALLEE, null));
    }
}
