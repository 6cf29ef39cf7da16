package com.waltalk.relay.state;

/**
 * This relay's signed-in sessions as housekeeping needs them: to put their presence back when it
 * was lost while they stayed connected. Implementations are thread-safe.
 */
public interface LocalSessions {

    /**
     * Re-claims the presence of this relay's signed-in sessions — of every one if {@code all}, else
     * of those whose user {@link LiveState} shows offline — unless their user is signed in elsewhere
     * meanwhile. Works asynchronously; returns how many sessions it is re-claiming.
     */
    int reclaimPresence(boolean all);
}
