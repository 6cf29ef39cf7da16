package com.waltalk.relay.fanout;

/**
 * The users the fan-out can deliver to on this relay: the {@link OutboundQueue} of each user signed in
 * here. Declared by the fan-out and implemented by the session layer's registry, so the fan-out knows
 * nothing of sessions and the dependency goes one way (session → fanout).
 *
 * <p>Implementations must be thread-safe and must not block: the fan-out calls {@link #outboundOf} on
 * the replication thread for every media row.
 */
public interface LocalRecipients {

    /**
     * The outbound queue of {@code user}'s current session on this relay, or null if the user is not
     * signed in here (another relay may serve them).
     */
    OutboundQueue outboundOf(String user);
}
