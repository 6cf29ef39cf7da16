package com.waltalk.relay.calls;

import com.waltalk.protocol.control.CallState;

/**
 * One row of {@code calls}, as read from the database or from the replication stream. Times are
 * Unix microseconds; {@code answeredAt}/{@code endedAt} are null until they happen. Immutable.
 */
public record CallRecord(long id, String caller, String callee, CallState state, long createdAt, Long answeredAt,
                         Long endedAt, String endedBy, boolean callerVideo, boolean callerAudio,
                         boolean calleeVideo, boolean calleeAudio, boolean withheld) {

    /** Ringing or accepted: the call can still change. */
    public boolean active() {
        return !state.isFinal();
    }

    public boolean accepted() {
        return state == CallState.ACCEPTED;
    }

    public boolean involves(String user) {
        return caller.equals(user) || callee.equals(user);
    }

    /** The other party, or null if {@code user} is not a party. */
    public String peerOf(String user) {
        if (caller.equals(user)) {
            return callee;
        }
        return callee.equals(user) ? caller : null;
    }
}
