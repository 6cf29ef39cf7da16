package com.waltalk.desktop.session;

import com.waltalk.protocol.control.CallActor;
import com.waltalk.protocol.control.CallEvent;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallTransitions;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.MediaFlags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls the relay told this session about, by id (updates are idempotent), and their views from the
 * local user's side.
 *
 * <p>Thread-safety: not thread-safe; confined to the session's event thread.
 */
final class CallLog {

    static final int MAX_CALLS = 1000;

    private final Map<Long, CallUpdate> calls = new HashMap<>();

    void clear() {
        calls.clear();
    }

    /** Stores {@code update}; returns the previous state of that call, or {@code null} if it is new. */
    CallUpdate put(CallUpdate update) {
        CallUpdate previous = calls.put(update.callId(), update);
        if (calls.size() > MAX_CALLS) {
            calls.keySet().stream().min(Long::compare).ifPresent(calls::remove);
        }
        return previous;
    }

    CallUpdate get(long callId) {
        return calls.get(callId);
    }

    /** The call in which {@code me} is ringing or accepted, if any (the relay allows at most one). */
    CallUpdate active() {
        return calls.values().stream().filter(c -> !c.state().isFinal())
                .max(Comparator.comparingLong(CallUpdate::callId)).orElse(null);
    }

    List<CallView> history(String me) {
        List<CallView> out = new ArrayList<>(calls.size());
        calls.values().stream().sorted(Comparator.comparingLong(CallUpdate::callId).reversed())
                .forEach(c -> out.add(view(c, me)));
        return out;
    }

    /** {@code c} as {@code me} sees it; {@code me} is its caller or callee. */
    static CallView view(CallUpdate c, String me) {
        boolean outgoing = c.caller().equals(me);
        String peer = outgoing ? c.callee() : c.caller();
        CallState state = c.state();
        // no default: a new call state must be placed here, not silently shown as ended
        CallPhase phase = switch (state) {
            case RINGING -> outgoing ? CallPhase.OUTGOING_RINGING : CallPhase.INCOMING_RINGING;
            case ACCEPTED -> CallPhase.IN_CALL;
            case ENDED, DECLINED, CANCELLED, MISSED, BUSY -> CallPhase.ENDED;
        };
        CallOutcome outcome = state.isFinal() ? CallOutcome.of(state) : null;
        MediaFlags peerFlags = outgoing ? c.calleeMedia() : c.callerMedia();
        return new CallView(c.callId(), peer, outgoing, phase, outcome, me.equals(c.endedBy()),
                micros(c.createdAtMicros()), micros(c.answeredAtMicros()), micros(c.endedAtMicros()),
                new MediaSwitches(peerFlags.videoOn(), peerFlags.audioOn()));
    }

    /**
     * {@code c} as it ends when {@code me} hangs up at {@code at}, as {@link CallTransitions} says (a
     * ringing call I started is cancelled, one ringing me declined, an accepted one ended), ended by me:
     * how the session shows its call once it has signed out, since the relay hangs up on sign-out.
     * A call that is already final keeps its outcome.
     *
     * @throws IllegalArgumentException if {@code me} is no party to {@code c}
     */
    static CallView afterMyHangup(CallUpdate c, String me, Instant at) {
        CallActor role = CallActor.roleOf(me, c.caller(), c.callee())
                .orElseThrow(() -> new IllegalArgumentException(me + " is no party to call " + c.callId()));
        CallState end = CallTransitions.next(c.state(), CallEvent.HANG_UP, role).orElse(c.state());
        CallView v = view(c, me);
        return new CallView(v.callId(), v.peer(), v.outgoing(), CallPhase.ENDED, CallOutcome.of(end), true,
                v.createdAt(), v.answeredAt(), at, v.peerMedia());
    }

    /** My own flags in {@code c} as the relay recorded them. */
    static MediaFlags myFlags(CallUpdate c, String me) {
        return c.caller().equals(me) ? c.callerMedia() : c.calleeMedia();
    }

    private static Instant micros(Long micros) {
        return micros == null ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    static Instant micros(long micros) {
        return micros((Long) micros);
    }
}
