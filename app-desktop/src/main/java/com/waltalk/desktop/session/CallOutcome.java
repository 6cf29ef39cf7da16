package com.waltalk.desktop.session;

import com.waltalk.protocol.control.CallState;

/**
 * How a call ended: one constant per {@linkplain CallState#isFinal() final} {@link CallState}, so
 * the UI needs no protocol types.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CallOutcome {
    /** It was accepted and then hung up ({@link CallView#endedByMe()} says by whom). */
    ENDED(CallState.ENDED),
    /** The callee declined. */
    DECLINED(CallState.DECLINED),
    /** The caller hung up while it rang. */
    CANCELLED(CallState.CANCELLED),
    /** Nobody answered within 30 s, or the callee was offline. */
    MISSED(CallState.MISSED),
    /** The callee was in another call. */
    BUSY(CallState.BUSY);

    private final CallState state;

    CallOutcome(CallState state) {
        this.state = state;
    }

    /** The final call state this outcome stands for. */
    public CallState state() {
        return state;
    }

    /**
     * The outcome of a call that reached {@code state}.
     *
     * @throws IllegalArgumentException if {@code state} is not final
     */
    public static CallOutcome of(CallState state) {
        for (CallOutcome outcome : values()) {
            if (outcome.state == state) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("a " + state + " call has no outcome yet");
    }
}
