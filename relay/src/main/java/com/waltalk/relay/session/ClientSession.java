package com.waltalk.relay.session;

import com.waltalk.relay.fanout.ClientChannel;
import com.waltalk.relay.fanout.OutboundQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection and what the relay knows about it. The user is set once, by the relay,
 * when the client signs in; everything the client sends afterwards is stamped with it.
 * Thread-safe.
 */
public final class ClientSession {

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ClientChannel channel;
    private final OutboundQueue outbound;
    private final String remoteAddress;
    private final long openedNanos = System.nanoTime();
    private volatile String user;

    // abuse accounting, touched only by the connection's own transport thread
    private long errorWindowStartNanos;
    private int errorsInWindow;
    private long lastOverloadNoticeNanos;

    public ClientSession(ClientChannel channel, String remoteAddress) {
        this.channel = channel;
        this.outbound = new OutboundQueue(channel);
        this.remoteAddress = remoteAddress;
    }

    public long id() {
        return id;
    }

    public ClientChannel channel() {
        return channel;
    }

    public OutboundQueue outbound() {
        return outbound;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public long openedNanos() {
        return openedNanos;
    }

    /** The signed-in user, or null before sign-in. */
    public String user() {
        return user;
    }

    public boolean signedIn() {
        return user != null;
    }

    public void signIn(String user) {
        if (this.user != null) {
            throw new IllegalStateException("already signed in as " + this.user);
        }
        this.user = user;
    }

    /**
     * Counts one protocol error; returns true once the client has made more than {@code max}
     * errors within {@code windowNanos} — abuse that ends the connection.
     */
    public boolean recordError(int max, long windowNanos) {
        long now = System.nanoTime();
        if (now - errorWindowStartNanos > windowNanos) {
            errorWindowStartNanos = now;
            errorsInWindow = 0;
        }
        return ++errorsInWindow > max;
    }

    /** Rate-limits "overloaded" notices to one per {@code intervalNanos}. */
    public boolean shouldNotifyOverload(long intervalNanos) {
        long now = System.nanoTime();
        if (now - lastOverloadNoticeNanos < intervalNanos) {
            return false;
        }
        lastOverloadNoticeNanos = now;
        return true;
    }

    @Override
    public String toString() {
        return "session#" + id + (user == null ? "" : "(" + user + ")") + "@" + remoteAddress;
    }
}
