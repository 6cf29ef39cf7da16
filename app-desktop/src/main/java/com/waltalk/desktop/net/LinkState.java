package com.waltalk.desktop.net;

/**
 * The state of a {@link RelayClient}.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum LinkState {
    /** Not started, or closed. */
    IDLE,
    /** The first connection and sign-in are under way. */
    CONNECTING,
    /** Signed in. */
    SIGNED_IN,
    /** Lost the connection while signed in; retrying with the token. */
    RECONNECTING,
    /** Signed out, or given up (a failure says why). Does not reconnect. */
    SIGNED_OUT
}
