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
import static com.waltalk.protocol.control.CallState.CANCELLED;
import static com.waltalk.protocol.control.CallState.DECLINED;
import static com.waltalk.protocol.control.CallState.ENDED;
import static com.waltalk.protocol.control.CallState.MISSED;
import static com.waltalk.protocol.control.CallState.RINGING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The call state machine of {@code docs/PROTOCOL.md} ("Calls"), as the one table both sides use:
 * for a call in some {@link CallState}, a {@link CallEvent} attributed to a {@link CallActor}
 * leads to exactly one next state, or is not allowed.
 *
 * <pre>
 *   ringing  --ACCEPT       (callee)-----------&gt; accepted
 *   ringing  --DECLINE      (callee)-----------&gt; declined
 *   ringing  --HANG_UP      (caller)-----------&gt; cancelled
 *   ringing  --HANG_UP      (callee)-----------&gt; declined
 *   accepted --HANG_UP      (caller or callee)-&gt; ended
 *   ringing  --RING_TIMEOUT (relay)------------&gt; missed
 *   ringing  --PARTY_GONE   (caller)-----------&gt; cancelled
 *   ringing  --PARTY_GONE   (callee)-----------&gt; missed
 *   accepted --PARTY_GONE   (caller or callee)-&gt; ended
 * </pre>
 *
 * <p>Anything else is not allowed: the relay refuses a party's message with {@code bad_call_state}
 * and the reason {@link #refusal(CallEvent)}. A state no event leaves is {@linkplain
 * CallState#isFinal() final}. A transition to {@link CallState#ACCEPTED} sets
 * {@code answeredAtMicros}; one to a final state sets {@code endedAtMicros}, and {@code endedBy}
 * is its actor if that is a {@linkplain CallActor#isParty() party}. Creating a call is not a
 * transition: {@link #atStart} says which state a {@code call_start} creates.
 *
 * <p>The relay builds its SQL guards and new-state expressions from {@link #of(CallEvent)} and its
 * {@code bad_call_state} reasons from {@link #refusal}; {@link CallState#isFinal()}, which both
 * sides use, is derived from the table.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public final class CallTransitions {

    /**
     * One row of the table: {@code event}, attributed to {@code actor}, takes a call from
     * {@code from} to {@code to}.
     *
     * <p>Thread-safety: immutable.
     */
    public record Transition(CallState from, CallEvent event, CallActor actor, CallState to) {

        /** @throws NullPointerException if any component is {@code null} */
        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(to, "to");
        }
    }

    private static final List<Transition> TABLE = List.of(
            row(RINGING, ACCEPT, CALLEE, ACCEPTED),
            row(RINGING, DECLINE, CALLEE, DECLINED),
            row(RINGING, HANG_UP, CALLER, CANCELLED),
            row(RINGING, HANG_UP, CALLEE, DECLINED),
            row(ACCEPTED, HANG_UP, CALLER, ENDED),
            row(ACCEPTED, HANG_UP, CALLEE, ENDED),
            row(RINGING, RING_TIMEOUT, RELAY, MISSED),
            row(RINGING, PARTY_GONE, CALLER, CANCELLED),
            row(RINGING, PARTY_GONE, CALLEE, MISSED),
            row(ACCEPTED, PARTY_GONE, CALLER, ENDED),
            row(ACCEPTED, PARTY_GONE, CALLEE, ENDED));

    private static final Map<CallEvent, List<Transition>> BY_EVENT = byEvent();
    /** The states some event leaves: the non-final ones. */
    private static final Set<CallState> NON_FINAL = TABLE.stream().map(Transition::from)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(CallState.class)));
    private static final Set<CallActor> PARTIES = EnumSet.of(CALLER, CALLEE);

    private CallTransitions() {
    }

    /**
     * Where {@code event}, attributed to {@code actor}, takes a call that is {@code from}.
     *
     * @return the next state, or empty if the table does not allow it
     * @throws NullPointerException if any argument is {@code null}
     */
    public static Optional<CallState> next(CallState from, CallEvent event, CallActor actor) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(actor, "actor");
        for (Transition t : of(event)) {
            if (t.from() == from && t.actor() == actor) {
                return Optional.of(t.to());
            }
        }
        return Optional.empty();
    }

    /** Every transition of {@code event}, in table order. */
    public static List<Transition> of(CallEvent event) {
        return BY_EVENT.get(Objects.requireNonNull(event, "event"));
    }

    /** The whole table. */
    public static List<Transition> all() {
        return TABLE;
    }

    /** Whether some event takes a call in {@code state} elsewhere ({@link CallState#isFinal}). */
    static boolean hasTransitionsFrom(CallState state) {
        return NON_FINAL.contains(state);
    }

    /**
     * The state a {@code call_start} creates: {@link CallState#BUSY} when the callee is in a
     * call (ringing or accepted, even while disconnected within the grace), else
     * {@link CallState#MISSED} when the callee is not signed in anywhere, else
     * {@link CallState#RINGING}. The relay refuses the start before this applies when the caller
     * is in a call itself, and accepts instead when the callee is ringing the caller.
     */
    public static CallState atStart(boolean calleeInCall, boolean calleeOnline) {
        if (calleeInCall) {
            return CallState.BUSY;
        }
        return calleeOnline ? RINGING : MISSED;
    }

    /**
     * Why a party's {@code event} is not allowed, in one sentence derived from the table: "only
     * the callee can accept a ringing call", or "the call is already over" for an event every party
     * may send in every non-final state.
     *
     * @throws NullPointerException if {@code event} is {@code null}
     */
    public static String refusal(CallEvent event) {
        List<Transition> allowed = of(event);
        Set<CallActor> actors = new LinkedHashSet<>();
        Set<CallState> from = new LinkedHashSet<>();
        for (Transition t : allowed) {
            actors.add(t.actor());
            from.add(t.from());
        }
        if (actors.equals(PARTIES) && from.equals(NON_FINAL)
                && allowed.size() == PARTIES.size() * NON_FINAL.size()) {
            // anyone may, while the call is not final: only a final call refuses it
            return "the call is already over";
        }
        return "only the " + actors.stream().map(a -> a.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or ")) + " can " + event.verb() + " a "
                + from.stream().map(CallState::wire).collect(Collectors.joining(" or ")) + " call";
    }

    private static Transition row(CallState from, CallEvent event, CallActor actor, CallState to) {
        return new Transition(from, event, actor, to);
    }

    private static Map<CallEvent, List<Transition>> byEvent() {
        Map<CallEvent, List<Transition>> map = new EnumMap<>(CallEvent.class);
        for (CallEvent event : CallEvent.values()) {
            List<Transition> rows = new ArrayList<>();
            for (Transition t : TABLE) {
                if (t.event() == event) {
                    rows.add(t);
                }
            }
            map.put(event, Collections.unmodifiableList(rows));
        }
        return map;
    }
}
