package com.waltalk.relay.calls;

import com.waltalk.protocol.control.CallState;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * {@link CallState}s as SQL text for the {@code calls.state} column, so that queries list states
 * taken from the enum (and from {@code CallTransitions}) instead of spelling them out.
 *
 * <p>States are written as literals, not bound as parameters: the wire strings are constants of
 * ours, and a literal {@code state IN ('ringing', 'accepted')} lets the planner use the partial
 * index {@code calls_active} (a parameter would hide it from a generic plan).
 *
 * <p>Thread-safety: constants and stateless methods; safe to use from any thread.
 */
public final class CallStateSql {

    /** {@code state IN (...)} with every non-final state: the call can still change. */
    public static final String ACTIVE = in(Arrays.stream(CallState.values())
            .filter(s -> !s.isFinal()).toList());

    private CallStateSql() {
    }

    /** {@code state} quoted as an SQL string literal, e.g. {@code 'ringing'}. */
    static String literal(CallState state) {
        String wire = state.wire();
        // wire strings are lowercase words; anything else would need real quoting
        if (!wire.matches("[a-z_]+")) {
            throw new IllegalStateException("call state wire string needs quoting: " + wire);
        }
        return "'" + wire + "'";
    }

    /** {@code state IN ('a', 'b')} for {@code states}, in their order. */
    static String in(Collection<CallState> states) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("no states");
        }
        return states.stream().map(CallStateSql::literal).collect(Collectors.joining(", ", "state IN (", ")"));
    }
}
