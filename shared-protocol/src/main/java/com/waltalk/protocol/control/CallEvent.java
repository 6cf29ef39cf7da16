package com.waltalk.protocol.control;

/**
 * Something that happens to an existing call: a party's message, or a rule the relay applies on
 * its own. What each does in each {@link CallState}, and for whom, is {@link CallTransitions}.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum CallEvent {
    /**
     * {@code call_accept}; also a {@code call_start} towards the user who is ringing the sender
     * right now (crossing calls), which accepts that call instead of starting a second one.
     */
    ACCEPT("accept"),
    /** {@code call_decline}. */
    DECLINE("decline"),
    /**
     * {@code call_hangup}; also what {@code sign_out} and the operator's removal of an account do
     * to the user's call.
     */
    HANG_UP("hang up"),
    /** Nobody answered within the ring timeout ({@link CallActor#RELAY}). */
    RING_TIMEOUT("time out"),
    /**
     * A party stayed disconnected for longer than the reconnect grace; the relay ends the call on
     * that party's behalf, so the actor is the absent party.
     */
    PARTY_GONE("abandon");

    private final String verb;

    CallEvent(String verb) {
        this.verb = verb;
    }

    /** What the actor does to the call, as a verb for sentences ("only the callee can accept"). */
    public String verb() {
        return verb;
    }
}
