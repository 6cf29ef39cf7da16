package com.waltalk.desktop.net;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.ReconnectPolicy;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.UserNames;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.runtime.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in link to a relay that survives connection drops: connect, {@code hello} → {@code welcome} →
 * {@code register} | {@code sign_in} → {@code signed_in}; keepalive pings; on a drop, reconnect with backoff
 * and jitter and sign in again with the latest token. A replaced session, a refused token, a protocol
 * mismatch or a certificate problem end the link instead ({@link LinkState#SIGNED_OUT} with the failure).
 *
 * <p>Also estimates the relay's clock offset (from {@code welcome.serverTimeMicros} and the hello → welcome
 * round trip) and the ping round-trip time.
 *
 * <p><b>Threading.</b> All state lives on the {@code events} executor given at construction (a single
 * thread, shared with the owner), and all {@link Listener} methods except {@link Listener#media} are called
 * on it. Public methods may be called from any thread; they hop onto it. Blocking connects run on a
 * separate connector thread.
 *
 * <p>Thread-safety: safe to use from any thread.
 */
public final class RelayClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayClient.class);
    /** Time the relay gets to answer hello and the sign-in (bcrypt takes ~0.15 s; it may queue). */
    private static final Duration SIGN_IN_ANSWER_TIMEOUT = Duration.ofSeconds(15);

    /** What the link reports. All but {@link #media} on the events thread. */
    public interface Listener {
        /** The state changed; {@code failure} says why when it was not asked for. */
        void state(LinkState state, Failure failure, int attempt, long nextAttemptAtMillis);

        /** Signed in on a (new) connection; the relay's snapshots follow as {@link #control} messages. */
        void signedIn(SignedIn signedIn, RelayConnection connection, boolean reconnected);

        /** A control message after {@code signed_in} (except ping/pong, which the link handles). */
        void control(ControlMessage message);

        /** A media frame, on the network receive thread. */
        void media(MediaFrame frame, int wireBytes);

        /** The signed-in connection is gone (before any reconnect). */
        void connectionLost();
    }

    private enum Phase { CONNECTING, AWAIT_WELCOME, AWAIT_SIGNED_IN, READY, SIGNING_OUT }

    private final ScheduledExecutorService events;
    private final ExecutorService connector;
    private final Listener listener;
    private final String clientName;
    private final ReconnectPolicy reconnect;
    private final Duration connectTimeout;
    private final Duration pingInterval;
    private final Duration pongTimeout;
    private final RandomGenerator random = RandomGenerator.getDefault();

    // events thread only
    private LinkState state = LinkState.IDLE;
    private RelayEndpoint endpoint;
    private Authentication auth;
    private CompletableFuture<SignedIn> pendingSignIn;
    private CompletableFuture<Void> signOutDone;
    private RelayConnection connection;
    private Phase phase;
    private long helloSentMicros;
    private int failedAttempts;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> answerTimeout;
    private ScheduledFuture<?> pingTask;
    private long pingId;
    private long pingSentNanos;
    private ErrorMessage fatalError;
    private boolean everSignedIn;

    private volatile long clockOffsetMicros;
    private volatile double roundTripMillis = -1;
    private volatile RelayConnection ready;

    public RelayClient(ScheduledExecutorService events, Listener listener, String clientName,
                       ReconnectPolicy reconnect, Duration connectTimeout, Duration pingInterval, Duration pongTimeout) {
        this.events = Objects.requireNonNull(events, "events");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clientName = clientName;
        this.reconnect = reconnect;
        this.connectTimeout = connectTimeout;
        this.pingInterval = pingInterval;
        this.pongTimeout = pongTimeout;
        this.connector = Executors.newSingleThreadExecutor(Threads.named("relay-connect"));
    }

    /** Relay clock minus local wall clock, µs (0 before the first {@code welcome}). */
    public long clockOffsetMicros() {
        return clockOffsetMicros;
    }

    /** The last ping round trip, ms, or -1. */
    public double roundTripMillis() {
        return roundTripMillis;
    }

    /** The signed-in connection, or {@code null} while not signed in. */
    public RelayConnection connection() {
        return ready;
    }

    /**
     * Starts a new session (ending any current one without signing out). The future completes on the events
     * thread with {@code signed_in} or fails with a {@link FailureException}.
     */
    public CompletableFuture<SignedIn> start(RelayEndpoint endpoint, Authentication auth) {
        CompletableFuture<SignedIn> result = new CompletableFuture<>();
        Failure invalid = validate(auth);
        if (invalid != null) {
            result.completeExceptionally(new FailureException(invalid));
            return result;
        }
        events.execute(() -> {
            stopCurrent(false);
            this.endpoint = endpoint;
            this.auth = auth;
            this.pendingSignIn = result;
            this.failedAttempts = 0;
            this.everSignedIn = false;
            setState(LinkState.CONNECTING, null, 0, 0);
            attempt();
        });
        return result;
    }

    /** Sends {@code message} on the signed-in connection; {@code false} if there is none. */
    public boolean send(ControlMessage message) {
        RelayConnection c = ready;
        return c != null && c.send(message);
    }

    /**
     * Signs out: sends {@code sign_out}, waits briefly for it to be written, and closes. The link ends in
     * {@link LinkState#SIGNED_OUT} without a failure. Completes on the events thread.
     */
    public CompletableFuture<Void> signOut() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        events.execute(() -> {
            RelayConnection c = phase == Phase.READY ? connection : null;
            if (c == null || !c.send(new SignOut())) {
                stopCurrent(false);
                setState(LinkState.SIGNED_OUT, null, 0, 0);
                done.complete(null);
                return;
            }
            // the relay revokes the token, hangs up, then closes (1000): wait for that, briefly
            cancel(retryTask);
            cancel(pingTask);
            ready = null;
            phase = Phase.SIGNING_OUT;
            signOutDone = done;
            answerTimeout = events.schedule(() -> {
                if (connection == c && phase == Phase.SIGNING_OUT) {
                    finishSignOut();
                }
            }, 3, TimeUnit.SECONDS);
            listener.connectionLost();
            setState(LinkState.SIGNED_OUT, null, 0, 0);
        });
        return done;
    }

    /** Closes the connection without signing out (the token stays valid) and stops the connector thread. */
    @Override
    public void close() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        try {
            events.execute(() -> {
                stopCurrent(false);
                state = LinkState.IDLE;
                stopped.complete(null);
            });
            stopped.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("close: {}", e.toString());
        }
        connector.shutdownNow();
    }

    // ---- events thread ---------------------------------------------------------------------------------

    private static Failure validate(Authentication auth) {
        try {
            auth.message();
            return null;
        } catch (IllegalArgumentException e) {
            String user = auth instanceof Authentication.Password p ? p.user()
                    : auth instanceof Authentication.NewAccount n ? n.user() : null;
            if (user != null && !UserNames.isValid(user)) {
                return Failure.of(FailureKind.BAD_USER_NAME);
            }
            if (auth instanceof Authentication.NewAccount n && n.invite() != null
                    && !n.invite().matches("[A-Za-z0-9_-]{1,64}")) {
                return Failure.of(FailureKind.INVITE_REQUIRED,
                        "an invite code has 1 to 64 letters, digits, '-' and '_'");
            }
            if (auth instanceof Authentication.Token) {
                return Failure.of(FailureKind.TOKEN_REJECTED, "the saved token is malformed");
            }
            return Failure.of(auth instanceof Authentication.NewAccount ? FailureKind.WEAK_PASSWORD
                    : FailureKind.WRONG_CREDENTIALS,
                    "passwords have 1 to " + Limits.MAX_PASSWORD_CHARS + " characters");
        }
    }

    private void attempt() {
        phase = Phase.CONNECTING;
        fatalError = null;
        RelayEndpoint target = endpoint;
        connector.execute(() -> {
            try {
                RelayConnection c = RelayConnection.open(target, connectTimeout, new ConnectionHandler());
                events.execute(() -> opened(c));
            } catch (FailureException e) {
                events.execute(() -> {
                    if (phase == Phase.CONNECTING && connection == null && endpoint == target
                            && (state == LinkState.CONNECTING || state == LinkState.RECONNECTING)) {
                        attemptFailed(e.failure());
                    }
                });
            }
        });
    }

    private void opened(RelayConnection c) {
        if (connection != null || phase != Phase.CONNECTING
                || (state != LinkState.CONNECTING && state != LinkState.RECONNECTING)) {
            c.abort(); // the attempt was cancelled meanwhile
            return;
        }
        connection = c;
        phase = Phase.AWAIT_WELCOME;
        helloSentMicros = nowMicros();
        c.send(new Hello(ProtocolVersion.CURRENT, clientName));
        answerTimeout = events.schedule(() -> {
            if (connection == c && phase != Phase.READY) {
                attemptFailed(Failure.of(FailureKind.RELAY_UNREACHABLE, "the relay did not answer the sign-in"));
            }
        }, SIGN_IN_ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void received(RelayConnection c, ControlMessage m) {
        if (c != connection) {
            return;
        }
        if (m instanceof Ping ping) {
            c.send(new Pong(ping.id()));
            return;
        }
        if (m instanceof Pong pong) {
            if (pong.id() == pingId && pingSentNanos != 0) {
                roundTripMillis = (System.nanoTime() - pingSentNanos) / 1e6;
                pingSentNanos = 0;
            }
            return;
        }
        if (m instanceof ErrorMessage error && error.fatal()) {
            fatalError = error; // the close follows; decided there
            return;
        }
        switch (phase) {
            case AWAIT_WELCOME -> {
                if (m instanceof Welcome welcome) {
                    welcomed(c, welcome);
                } else if (m instanceof ErrorMessage error) {
                    attemptFailed(ErrorCodes.toFailure(error, false));
                }
            }
            case AWAIT_SIGNED_IN -> {
                if (m instanceof SignedIn signedIn) {
                    signedIn(c, signedIn);
                } else if (m instanceof ErrorMessage error) {
                    attemptFailed(ErrorCodes.toFailure(error, auth instanceof Authentication.Token));
                }
            }
            case READY -> listener.control(m);
            default -> { }
        }
    }

    private void welcomed(RelayConnection c, Welcome welcome) {
        long now = nowMicros();
        clockOffsetMicros = offsetEstimate(welcome.serverTimeMicros(), helloSentMicros, now);
        roundTripMillis = (now - helloSentMicros) / 1000.0;
        if (welcome.protocol() != ProtocolVersion.CURRENT) {
            attemptFailed(Failure.of(FailureKind.PROTOCOL_MISMATCH,
                    "relay speaks version " + welcome.protocol() + ", this app " + ProtocolVersion.CURRENT));
            return;
        }
        // with an invite code the relay decides: a relay that registers by invitation only may say it is closed
        if (auth instanceof Authentication.NewAccount account && account.invite() == null
                && !welcome.registrationOpen()) {
            attemptFailed(Failure.of(FailureKind.REGISTRATION_CLOSED));
            return;
        }
        phase = Phase.AWAIT_SIGNED_IN;
        c.send(auth.message());
    }

    private void signedIn(RelayConnection c, SignedIn signedIn) {
        cancel(answerTimeout);
        phase = Phase.READY;
        boolean reconnected = everSignedIn;
        everSignedIn = true;
        failedAttempts = 0;
        auth = new Authentication.Token(signedIn.token());
        ready = c;
        pingTask = events.scheduleWithFixedDelay(() -> keepalive(c), pingInterval.toMillis(),
                pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        listener.signedIn(signedIn, c, reconnected);
        setState(LinkState.SIGNED_IN, null, 0, 0);
        if (pendingSignIn != null) {
            CompletableFuture<SignedIn> f = pendingSignIn;
            pendingSignIn = null;
            f.complete(signedIn);
        }
    }

    private void keepalive(RelayConnection c) {
        if (c != connection || phase != Phase.READY) {
            return;
        }
        long silentNanos = System.nanoTime() - c.lastReceivedNanos();
        if (silentNanos > pongTimeout.toNanos()) {
            log.info("no message from the relay for {} ms: connection considered lost", silentNanos / 1_000_000);
            c.abort();
            closed(c, 1006, "keepalive timeout", null);
            return;
        }
        pingId++;
        pingSentNanos = System.nanoTime();
        c.send(new Ping(pingId));
    }

    private void closed(RelayConnection c, int code, String reason, Throwable error) {
        if (c != connection) {
            return;
        }
        if (phase == Phase.SIGNING_OUT) {
            finishSignOut();
            return;
        }
        Failure failure = closeFailure(code, reason);
        if (phase == Phase.READY) {
            dropConnection();
            listener.connectionLost();
            if (isFinal(failure.kind())) {
                setState(LinkState.SIGNED_OUT, failure, 0, 0);
            } else {
                scheduleReconnect(failure);
            }
        } else {
            attemptFailed(failure);
        }
    }

    private Failure closeFailure(int code, String reason) {
        if (fatalError != null) {
            return ErrorCodes.toFailure(fatalError, auth instanceof Authentication.Token && phase != Phase.READY);
        }
        return CloseCode.of(code).map(known -> switch (known) {
            case SESSION_REPLACED -> Failure.of(FailureKind.SESSION_REPLACED);
            case ACCOUNT_REMOVED -> Failure.of(FailureKind.ACCOUNT_REMOVED);
            case PROTOCOL_ERROR, POLICY ->
                    Failure.of(FailureKind.PROTOCOL_ERROR, "closed by the relay (" + code + "): " + reason);
            case GOING_AWAY -> Failure.of(FailureKind.CONNECTION_LOST, "the relay is shutting down");
            case TOO_SLOW -> Failure.of(FailureKind.CONNECTION_LOST, "the connection was too slow for the relay");
            case NORMAL, TOO_BIG, INTERNAL_ERROR -> connectionLost(code, reason);
        }).orElseGet(() -> connectionLost(code, reason));
    }

    /** A close that says nothing more specific, or a code WalTalk does not define (1006: no close frame). */
    private static Failure connectionLost(int code, String reason) {
        return Failure.of(FailureKind.CONNECTION_LOST,
                "close " + code + (reason == null || reason.isBlank() ? "" : ": " + reason));
    }

    private void attemptFailed(Failure failure) {
        dropConnection();
        if (state == LinkState.CONNECTING) {
            setState(LinkState.SIGNED_OUT, failure, 0, 0);
            CompletableFuture<SignedIn> f = pendingSignIn;
            pendingSignIn = null;
            if (f != null) {
                f.completeExceptionally(new FailureException(failure));
            }
        } else if (state == LinkState.RECONNECTING) {
            failedAttempts++;
            if (isFinal(failure.kind())) {
                setState(LinkState.SIGNED_OUT, failure, 0, 0);
            } else {
                scheduleReconnect(failure);
            }
        }
    }

    /** Failures that retrying with the same token and endpoint cannot fix. */
    private static boolean isFinal(FailureKind kind) {
        return switch (kind) {
            case RELAY_UNREACHABLE, CONNECTION_LOST, RELAY_BUSY, RATE_LIMITED, THROTTLED, NOT_A_RELAY -> false;
            default -> true;
        };
    }

    private void scheduleReconnect(Failure failure) {
        long delay = reconnect.delay(failedAttempts, random).toMillis();
        if (failure.retryAfterMillis() > delay) {
            delay = failure.retryAfterMillis();
        }
        setState(LinkState.RECONNECTING, failure, failedAttempts, System.currentTimeMillis() + delay);
        log.info("reconnecting in {} ms (attempt {}): {}", delay, failedAttempts + 1, failure.detail());
        retryTask = events.schedule(() -> {
            if (state == LinkState.RECONNECTING && connection == null) {
                attempt();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void finishSignOut() {
        dropConnection();
        CompletableFuture<Void> f = signOutDone;
        signOutDone = null;
        if (f != null) {
            f.complete(null);
        }
    }

    /** Forgets the current connection (aborting it) and its timers. */
    private void dropConnection() {
        cancel(answerTimeout);
        cancel(pingTask);
        pingSentNanos = 0;
        ready = null;
        RelayConnection c = connection;
        connection = null;
        phase = null;
        if (c != null) {
            c.abort();
        }
    }

    /** Ends the current connection, attempt or wait; {@code graceful}: flush queued control messages first. */
    private void stopCurrent(boolean graceful) {
        cancel(retryTask);
        boolean wasReady = phase == Phase.READY;
        RelayConnection c = connection;
        cancel(answerTimeout);
        cancel(pingTask);
        ready = null;
        connection = null;
        phase = null;
        if (c != null && wasReady && graceful) {
            connector.execute(() -> c.closeAfterFlush(2_000));
        } else if (c != null) {
            c.abort();
        }
        if (wasReady) {
            listener.connectionLost();
        }
        if (signOutDone != null) {
            signOutDone.complete(null);
            signOutDone = null;
        }
        if (pendingSignIn != null) {
            pendingSignIn.completeExceptionally(new FailureException(Failure.of(FailureKind.NOT_SIGNED_IN,
                    "cancelled by a newer sign-in or close")));
            pendingSignIn = null;
        }
    }

    private void setState(LinkState s, Failure failure, int attempt, long next) {
        state = s;
        listener.state(s, failure, attempt, next);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Relay clock minus ours. The relay read its clock somewhere between {@code sentMicros} and
     * {@code receivedMicros}, so the offset lies within ± half the round trip around the midpoint estimate.
     * Of that interval we take the value closest to 0: clocks that agree within the measurement's
     * uncertainty (NTP-synced machines, or one machine) are taken as equal, instead of inheriting the error
     * of an asymmetric round trip (measured: a cold relay's first welcome, 176 ms round trip, put a
     * same-machine offset at 88 ms).
     */
    static long offsetEstimate(long serverMicros, long sentMicros, long receivedMicros) {
        long raw = serverMicros - (sentMicros + receivedMicros) / 2;
        long half = (receivedMicros - sentMicros) / 2;
        if (Math.abs(raw) <= half) {
            return 0;
        }
        return raw > 0 ? raw - half : raw + half;
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** Hops connection callbacks onto the events thread; media goes straight to the listener. */
    private final class ConnectionHandler implements RelayConnection.Handler {
        @Override
        public void control(RelayConnection c, ControlMessage message) {
            events.execute(() -> received(c, message));
        }

        @Override
        public void media(RelayConnection c, MediaFrame frame, int wireBytes) {
            if (c == ready) {
                listener.media(frame, wireBytes);
            }
        }

        @Override
        public void closed(RelayConnection c, int code, String reason, Throwable error) {
            events.execute(() -> RelayClient.this.closed(c, code, reason, error));
        }
    }
}
