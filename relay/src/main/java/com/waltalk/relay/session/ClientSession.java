package com.waltalk.relay.session;

import com.waltalk.relay.accounts.ConnectionAttempts;
import com.waltalk.relay.fanout.ClientChannel;
import com.waltalk.relay.fanout.OutboundQueue;
import com.waltalk.relay.fanout.OutboundStats;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket connection and what the relay knows about it. The user is set once, by the relay,
 * when sign-in succeeds; everything the client sends afterwards is stamped with it.
 * Thread-safe.
 */
public final class ClientSession {

    /** Where the connection is in the sign-in sequence. */
    enum Phase { CONNECTED, GREETED, AUTHENTICATING, SIGNED_IN }

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ClientChannel channel;
    private final OutboundQueue outbound;
    private final String remoteAddress;
    private final SerialExecutor worker;
    private final ChatFeed chat;
    final ConnectionLimits limits = new ConnectionLimits();
    private final ConnectionAttempts signInAttempts = new ConnectionAttempts();
    private volatile Phase phase = Phase.CONNECTED;
    private volatile String user;
    private volatile long accountId;
    private volatile UUID sessionId;
    private volatile String token;
    private volatile long claimLsn;

    // abuse accounting, touched only by the connection's own transport thread
    private long errorWindowStartNanos;
    private int errorsInWindow;
    private long lastOverloadNoticeNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private long lastNotInCallNoticeNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private long lastMediaRateNoticeNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public ClientSession(ClientChannel channel, String remoteAddress, Executor workers) {
        this(channel, remoteAddress, workers, new OutboundStats());
    }

    /** A session whose outbound queue adds its drops to relay-wide {@code outboundStats}. */
    public ClientSession(ClientChannel channel, String remoteAddress, Executor workers, OutboundStats outboundStats) {
        this.channel = channel;
        this.outbound = new OutboundQueue(channel, outboundStats);
        this.remoteAddress = remoteAddress;
        this.worker = new SerialExecutor(workers);
        this.chat = new ChatFeed(outbound);
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

    /** Runs blocking work for this client, in order, off the transport threads. */
    Executor worker() {
        return worker;
    }

    ChatFeed chat() {
        return chat;
    }

    Phase phase() {
        return phase;
    }

    void phase(Phase p) {
        this.phase = p;
    }

    /** Failed sign-ins on this connection. */
    ConnectionAttempts signInAttempts() {
        return signInAttempts;
    }

    /** The signed-in user, or null before sign-in. */
    public String user() {
        return user;
    }

    /** The {@code users.id} of the signed-in account; 0 before sign-in. */
    public long accountId() {
        return accountId;
    }

    /** Identifies this sign-in in the presence table; null before sign-in. */
    public UUID sessionId() {
        return sessionId;
    }

    String token() {
        return token;
    }

    public boolean signedIn() {
        return phase == Phase.SIGNED_IN;
    }

    /** WAL position before which every earlier sign-in of this user committed. */
    long claimLsn() {
        return claimLsn;
    }

    void signIn(String user, long accountId, UUID sessionId, String token, long claimLsn) {
        this.claimLsn = claimLsn;
        if (this.user != null) {
            throw new IllegalStateException("already signed in as " + this.user);
        }
        this.user = user;
        this.accountId = accountId;
        this.sessionId = sessionId;
        this.token = token;
        this.phase = Phase.SIGNED_IN;
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

    /** Rate-limits "not in call" notices for media to one per {@code intervalNanos}. */
    public boolean shouldNotifyNotInCall(long intervalNanos) {
        long now = System.nanoTime();
        if (now - lastNotInCallNoticeNanos < intervalNanos) {
            return false;
        }
        lastNotInCallNoticeNanos = now;
        return true;
    }

    /** Rate-limits "rate_limited" answers to media frames to one per {@code intervalNanos}. */
    public boolean shouldNotifyMediaRateLimit(long intervalNanos) {
        long now = System.nanoTime();
        if (now - lastMediaRateNoticeNanos < intervalNanos) {
            return false;
        }
        lastMediaRateNoticeNanos = now;
        return true;
    }

    @Override
    public String toString() {
        return "session#" + id + (user == null ? "" : "(" + user + ")") + "@" + remoteAddress;
    }
}
