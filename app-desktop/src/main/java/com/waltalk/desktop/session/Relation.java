package com.waltalk.desktop.session;

/**
 * How another person stands to the signed-in user, as the relay reports it. There is no "none": a
 * person without a relation is on no list.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum Relation {
    /** A contact: presence is shown, calls and chat are possible (both accepted each other). */
    CONTACT,
    /** I asked them; no answer yet ("Waiting for X"). */
    OUTGOING,
    /** They asked me: accept, decline or block. */
    INCOMING,
    /** I block them: they cannot see, ring or chat with me, and are not told. */
    BLOCKED
}
