package com.waltalk.relay.session;

import com.waltalk.relay.accounts.ConnectionAttempts;
import com.waltalk.relay.fanout.ClientChannel;
import com.waltalk.relay.fanout.OutboundQueue;
import com.waltalk.relay.fanout.OutboundStats;
import java.util.Arrays;
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

    /** Notices about dropped media that a client gets at most once per interval, each kind on its own clock. */
    enum Notice {
        /** {@code overloaded}: the write path had no room for a frame. */
        OVERLOADED,
        /** {@code not_in_call}: a frame for no accepted call with the named peer. */
        NOT_IN_CALL,
        /** {@code rate_limited}: a frame over the connection's media rate limit. */
        MEDIA_RATE_LIMITED
    }

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
    private final long[] lastNoticeNanos = new long[Notice.values().length];

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
        Arrays.fill(lastNoticeNanos, System.nanoTime() - Long.MAX_VALUE / 2); // long ago: the first notice is due
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

    /**
     * Rate-limits one kind of notice to one per {@code intervalNanos}: true if it is due now (and then
     * counts as sent).
     */
    boolean shouldNotify(Notice notice, long intervalNanos) {
        long now = System.nanoTime();
        int i = notice.ordinal();
        if (now - lastNoticeNanos[i] < intervalNanos) {
            return false;
        }
        lastNoticeNanos[i] = now;
        return true;
    }

    @Override
    public String toString() {
        return "session#" + id + (user == null ? "" : "(" + user + ")") + "@" + remoteAddress;
    }
}
