package com.waltalk.relay.fanout;

import java.util.concurrent.atomic.LongAdder;

/**
 * Relay-wide totals of what every client's {@link OutboundQueue} had to give up: video frames
 * replaced by newer ones while the client was congested, and clients disconnected for being too
 * slow to take even their audio. Per-queue figures vanish with their session; these do not.
 * Thread-safe.
 */
public final class OutboundStats {

    private final LongAdder videoDropped = new LongAdder();
    private final LongAdder slowDisconnects = new LongAdder();

    void videoDropped() {
        videoDropped.increment();
    }

    void slowDisconnect() {
        slowDisconnects.increment();
    }

    /** Video frames dropped (replaced by a newer frame) in congested clients' queues, all clients. */
    public long videoFramesDropped() {
        return videoDropped.sum();
    }

    /** Clients disconnected because their audio and control backlog overflowed. */
    public long slowClientsDisconnected() {
        return slowDisconnects.sum();
    }
}
