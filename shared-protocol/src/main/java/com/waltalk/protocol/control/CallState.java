package com.waltalk.protocol.control;

import java.util.Optional;

/**
 * Where a call is in its life, as carried in the {@code state} property of {@link CallUpdate}.
 * Each constant has a stable lowercase {@linkplain #wire() wire string}; the decoder rejects any
 * other string with {@code bad_field}.
 *
 * <p>A call starts {@link #RINGING} (or is created {@link #BUSY} or {@link #MISSED}, see
 * {@link CallTransitions#atStart}); from ringing it becomes {@link #ACCEPTED}, {@link #DECLINED},
 * {@link #CANCELLED} or {@link #MISSED}; an accepted call becomes {@link #ENDED}. Which event
 * leads where is {@link CallTransitions}. All states but ringing and accepted are
 * {@linkplain #isFinal() final}.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CallState {
    /** The callee is being alerted; it may accept or decline, the caller may cancel. */
    RINGING("ringing"),
    /** The callee accepted; media flows between the two parties. */
    ACCEPTED("accepted"),
    /** An accepted call was hung up by either party. */
    ENDED("ended"),
    /** The callee declined the ringing call. */
    DECLINED("declined"),
    /** The caller hung up while the call was ringing. */
    CANCELLED("cancelled"),
    /** Nobody answered within the ring timeout. */
    MISSED("missed"),
    /** The callee was already in a call when this call was started. */
    BUSY("busy");

    private static final CallState[] ALL = values();

    private final String wire;

    CallState(String wire) {
        this.wire = wire;
    }

    /** The stable lowercase string that identifies this state on the wire. */
    public String wire() {
        return wire;
    }

    /**
     * Whether the call can no longer change: no event of {@link CallTransitions} leaves this state
     * (every state but ringing and accepted).
     */
    public boolean isFinal() {
        return !CallTransitions.hasTransitionsFrom(this);
    }

    /**
     * Looks up a state by its wire string.
     *
     * @param wire the wire string, may be {@code null}
     * @return the state, or empty if {@code wire} is {@code null} or not a known state
     */
    public static Optional<CallState> fromWire(String wire) {
        for (CallState state : ALL) {
            if (state.wire.equals(wire)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
