package com.waltalk.desktop.session;

/**
 * A call as the local user sees it.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CallPhase {
    /** I called; the peer's app is ringing. */
    OUTGOING_RINGING,
    /** The peer is calling me: accept or decline. */
    INCOMING_RINGING,
    /** Accepted: media flows. */
    IN_CALL,
    /** Final; {@link CallView#outcome()} says how it ended. */
    ENDED
}
