package com.waltalk.desktop.session;

/**
 * Whether a contact can be reached.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum Presence {
    ONLINE,
    /** Online and in an accepted call: a call to them ends as {@code BUSY}. */
    IN_CALL,
    OFFLINE
}
