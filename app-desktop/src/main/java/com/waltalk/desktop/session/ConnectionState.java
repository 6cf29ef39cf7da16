package com.waltalk.desktop.session;

/**
 * Where the session's connection to the relay is.
 *
 * <pre>
 *  OFFLINE --signIn/register--> CONNECTING --signed_in--> SIGNED_IN --drop--> RECONNECTING --signed_in--> SIGNED_IN
 *                                   |                        |                    |
 *                                   +--failure--> SIGNED_OUT <--signOut / replaced / token refused--+
 * </pre>
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum ConnectionState {
    /** Never signed in since the model was created. */
    OFFLINE,
    /** Connecting, greeting and signing in (first attempt, started by a command). */
    CONNECTING,
    /** Signed in; the directory, history and live updates are flowing. */
    SIGNED_IN,
    /** The connection dropped; retrying with backoff and the token. The model keeps its last state. */
    RECONNECTING,
    /** Not signed in any more: the user signed out, a sign-in attempt failed, or the session ended (see the reason). */
    SIGNED_OUT
}
