package com.waltalk.desktop.session;

/**
 * How a call ended (the relay's final call states).
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CallOutcome {
    /** It was accepted and then hung up ({@link CallView#endedByMe()} says by whom). */
    ENDED,
    /** The callee declined. */
    DECLINED,
    /** The caller hung up while it rang. */
    CANCELLED,
    /** Nobody answered within 30 s, or the callee was offline. */
    MISSED,
    /** The callee was in another call. */
    BUSY
}
