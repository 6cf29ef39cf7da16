package com.waltalk.relay.session;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.relay.RequestRefused;
import com.waltalk.relay.accounts.AccountService;
import com.waltalk.relay.accounts.SignInResult;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.chat.ChatStore;
import com.waltalk.relay.fanout.OutboundStats;
import com.waltalk.relay.ingest.InboundMedia;
import com.waltalk.relay.ingest.MediaWriter;
import com.waltalk.relay.presence.PresenceStore;
import com.waltalk.relay.state.LiveState;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay does with each message a client sends: greeting, registration and sign-in,
 * calls, chat, and media frames (authorized against the caller's accepted call, stamped with the
 * signed-in user, handed to the write path). Transport-agnostic; called on the connection's
 * transport thread, which keeps each client's messages in order; database work runs on the
 * session's serial worker. Thread-safe.
 */
public final class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    static final int MAX_ERRORS = 20;
    static final long ERROR_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long OVERLOAD_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long NOT_IN_CALL_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MEDIA_RATE_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int CALL_HISTORY = 50;
    static final int CHAT_HISTORY = 200;

    /** Everything the controller works with. */
    public record Services(String relayId, boolean registrationOpen, SessionRegistry registry, LiveState state,
                           SessionNotifications notifications, MediaWriter writer, AccountService accounts,
                           PresenceStore presence, CallStore calls, ChatStore chat, Executor workers,
                           Executor passwordChecks) {
    }

    /** A password sign-in that waited this long for a password-check thread is answered {@code overloaded}. */
    static final long SIGN_IN_QUEUE_SECONDS = 5;

    private final Services s;
    private final AtomicLong videoAccepted = new AtomicLong();
    private final AtomicLong audioAccepted = new AtomicLong();
    private final OutboundStats outboundStats = new OutboundStats();
    private final AtomicLong framesRejected = new AtomicLong();

    public SessionController(Services services) {
        this.s = services;
        services.notifications().attach(this);
    }

    /** A new connection; {@code channel} belongs to the transport. */
    public ClientSession open(com.waltalk.relay.fanout.ClientChannel channel, String remoteAddress) {
        return new ClientSession(channel, remoteAddress, s.workers(), outboundStats);
    }

    public void onText(ClientSession session, String text) {
        long retry = session.limits.control.tryAcquire(System.nanoTime());
        if (retry > 0) {
            rateLimited(session, "too many control messages", retry);
            return;
        }
        ControlMessage message;
        try {
            message = ControlCodec.decode(text);
        } catch (ProtocolException e) {
            reject(session, e.code(), e.getMessage());
            return;
        }
        if (message instanceof Ping ping) {
            send(session, new Pong(ping.id()));
            return;
        }
        switch (session.phase()) {
            case CONNECTED -> greet(session, message);
            case GREETED -> authenticate(session, message);
            case AUTHENTICATING -> reject(session, ErrorCode.NOT_SIGNED_IN, "sign-in in progress");
            case SIGNED_IN -> handleSignedIn(session, message);
            default -> throw new IllegalStateException();
        }
    }

    private void greet(ClientSession session, ControlMessage message) {
        if (!(message instanceof Hello hello)) {
            reject(session, ErrorCode.NOT_SIGNED_IN, "say hello first");
            return;
        }
        if (hello.protocol() != ProtocolVersion.CURRENT) {
            fatal(session, ErrorCode.BAD_VERSION, "protocol " + hello.protocol() + " not supported; this relay speaks "
                    + ProtocolVersion.CURRENT, CloseCode.POLICY);
            return;
        }
        session.phase(ClientSession.Phase.GREETED);
        send(session, new Welcome(ProtocolVersion.CURRENT, s.relayId(), nowMicros(), s.registrationOpen()));
    }

    private void authenticate(ClientSession session, ControlMessage message) {
        if (message instanceof Hello) {
            reject(session, ErrorCode.ALREADY_SIGNED_IN, "already greeted");
            return;
        }
        if (!(message instanceof Register) && !(message instanceof SignIn)) {
            reject(session, ErrorCode.NOT_SIGNED_IN, "sign in or register first");
            return;
        }
        session.phase(ClientSession.Phase.AUTHENTICATING);
        // bcrypt costs ~135 ms of a core: password checks run on their own small pool, so however many
        // arrive they neither starve the CPU nor hold the session workers that serve calls and chat.
        // A token sign-in checks no password (SHA-256 and one lookup) and does not queue behind them.
        boolean password = !(message instanceof SignIn in && in.token() != null);
        long queuedAt = System.nanoTime();
        Runnable check = () -> {
            if (!session.channel().isOpen()) {
                return; // gone while queued: nobody to check a password for
            }
            if (password && System.nanoTime() - queuedAt > TimeUnit.SECONDS.toNanos(SIGN_IN_QUEUE_SECONDS)) {
                session.phase(ClientSession.Phase.GREETED);
                send(session, ErrorMessage.of(ErrorCode.OVERLOADED, "too many sign-ins at once, try again", false,
                        1000));
                return;
            }
            try {
                SignInResult result = checkCredentials(session, message);
                if (result instanceof SignInResult.Success ok) {
                    session.worker().execute(() -> {
                        try {
                            completeSignIn(session, ok);
                        } catch (SQLException e) {
                            log.warn("sign-in of {} failed on a database error: {}", ok.account().name(), e.getMessage());
                            fatal(session, ErrorCode.INTERNAL, "temporary problem, sign in again", CloseCode.INTERNAL_ERROR);
                        }
                    });
                } else {
                    SignInResult.Failure f = (SignInResult.Failure) result;
                    session.phase(ClientSession.Phase.GREETED);
                    ErrorCode code = ErrorCode.fromWire(f.code()).orElse(ErrorCode.BAD_CREDENTIALS);
                    if (session.signInAttempts().exhausted()) {
                        // whatever the last failure was, the connection is closed for the number of them
                        fatal(session, ErrorCode.THROTTLED, "too many failed sign-ins on this connection",
                                CloseCode.POLICY);
                    } else {
                        send(session, new ErrorMessage(code.wire(), f.message(), false, f.retryAfterMillis()));
                    }
                }
            } catch (SQLException e) {
                session.phase(ClientSession.Phase.GREETED);
                log.warn("sign-in failed on a database error: {}", e.getMessage());
                send(session, ErrorMessage.of(ErrorCode.INTERNAL, "temporary problem, try again", false));
            }
        };
        (password ? s.passwordChecks() : session.worker()).execute(check);
    }

    private SignInResult checkCredentials(ClientSession session, ControlMessage message) throws SQLException {
        if (message instanceof Register r) {
            char[] pw = r.password().toCharArray();
            try {
                return s.accounts().register(r.user(), pw, s.registrationOpen());
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        SignIn in = (SignIn) message;
        if (in.token() != null) {
            return s.accounts().resume(in.token(), session.signInAttempts());
        }
        char[] pw = in.password().toCharArray();
        try {
            return s.accounts().signIn(in.user(), pw, session.signInAttempts());
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** Runs on the session's worker. */
    private void completeSignIn(ClientSession session, SignInResult.Success ok) throws SQLException {
        if (!session.channel().isOpen()) {
            return;
        }
        String user = ok.account().name();
        UUID sessionId = UUID.randomUUID();
        long claimLsn = s.presence().claim(user, s.relayId(), sessionId);
        session.signIn(user, ok.account().id(), sessionId, ok.token().token(), claimLsn);
        synchronized (s.state().lock()) {
            if (s.state().accountRemoved(ok.account().id())) {
                // deleted after the account check, and the stream's removal found no session to close
                endRemovedAccount(session);
                onClose(session);
                return;
            }
            s.registry().register(session).ifPresent(previous -> {
                log.info("{} replaced by a newer sign-in from {}", previous, session.remoteAddress());
                fatal(previous, ErrorCode.SESSION_REPLACED, "signed in from another connection",
                        CloseCode.SESSION_REPLACED);
            });
            Instant expires = ok.token().expiresAt();
            send(session, new SignedIn(user, ok.token().token(),
                    expires.getEpochSecond() * 1_000_000L + expires.getNano() / 1_000));
            send(session, s.notifications().directory());
        }
        if (!session.channel().isOpen()) {
            // closed while we were registering: make sure we do not leave a ghost
            onClose(session);
            return;
        }
        send(session, new CallHistory(s.calls().history(user, CALL_HISTORY).stream()
                .map(SessionNotifications::toWire).toList()));
        session.chat().start(s.chat().history(user, CHAT_HISTORY));
        log.info("{} signed in", session);
    }

    private void handleSignedIn(ClientSession session, ControlMessage message) {
        String user = session.user();
        if (message instanceof ChatSend chat) {
            long retry = session.limits.chat.tryAcquire(System.nanoTime());
            if (retry > 0) {
                rateLimited(session, "too many chat messages", retry);
                return;
            }
            if (chat.to().equalsIgnoreCase(user)) {
                reject(session, ErrorCode.BAD_FIELD, "you cannot chat with yourself");
                return;
            }
            onWorker(session, () -> s.chat().send(user, chat.to(), chat.body(), chat.clientMsgId()));
        } else if (message instanceof CallStart start) {
            onWorker(session, () -> s.calls().start(user, start.to()));
        } else if (message instanceof CallAccept accept) {
            onWorker(session, () -> s.calls().accept(accept.callId(), user));
        } else if (message instanceof CallDecline decline) {
            onWorker(session, () -> s.calls().decline(decline.callId(), user));
        } else if (message instanceof CallHangup hangup) {
            onWorker(session, () -> s.calls().hangup(hangup.callId(), user));
        } else if (message instanceof MediaState media) {
            // PROTOCOL.md: only for the sender's accepted call, else not_in_call (whether or not the call exists)
            CallRecord call = s.state().activeCall(media.callId());
            if (call == null || !call.accepted() || call.peerOf(user) == null) {
                reject(session, ErrorCode.NOT_IN_CALL, "no accepted call " + media.callId() + " of yours");
                return;
            }
            onWorker(session, () -> {
                try {
                    s.calls().setMedia(media.callId(), user, media.videoOn(), media.audioOn());
                } catch (RequestRefused endedMeanwhile) {
                    throw new RequestRefused(ErrorCode.NOT_IN_CALL.wire(), endedMeanwhile.getMessage());
                }
            });
        } else if (message instanceof SignOut) {
            String token = session.token();
            session.worker().execute(() -> {
                try {
                    CallRecord active = s.state().activeCallOf(user);
                    if (active != null) {
                        try {
                            s.calls().hangup(active.id(), user);
                        } catch (RequestRefused alreadyOver) {
                            // ended meanwhile
                        }
                    }
                    s.accounts().signOut(token);
                } catch (SQLException e) {
                    log.warn("sign-out of {} could not revoke its token: {}", user, e.getMessage());
                }
                session.channel().close(CloseCode.NORMAL, "signed out");
            });
        } else if (message instanceof Hello || message instanceof SignIn || message instanceof Register) {
            reject(session, ErrorCode.ALREADY_SIGNED_IN, "already signed in as " + user);
        } else {
            reject(session, ErrorCode.UNSUPPORTED_MESSAGE, "a client does not send " + message.type());
        }
    }

    /** Database work that either succeeds silently (the stream reports the result) or is refused. */
    private interface StoreAction {
        void run() throws Exception;
    }

    private void onWorker(ClientSession session, StoreAction action) {
        session.worker().execute(() -> {
            try {
                action.run();
            } catch (RequestRefused e) {
                send(session, ErrorMessage.of(ErrorCode.fromWire(e.code()).orElse(ErrorCode.BAD_FIELD),
                        e.getMessage(), false));
            } catch (SQLException e) {
                log.warn("{}: database error: {}", session, e.getMessage());
                send(session, ErrorMessage.of(ErrorCode.INTERNAL, "temporary problem, try again", false));
            } catch (Exception e) {
                log.error("{}: unexpected failure", session, e);
                send(session, ErrorMessage.of(ErrorCode.INTERNAL, "internal error", false));
            }
        });
    }

    public void onBinary(ClientSession session, ByteBuffer bytes, long receivedNanos) {
        if (!session.signedIn()) {
            reject(session, ErrorCode.NOT_SIGNED_IN, "sign in before sending media");
            return;
        }
        MediaFrame frame;
        try {
            frame = MediaCodec.decode(bytes);
        } catch (ProtocolException e) {
            framesRejected.incrementAndGet();
            reject(session, e.code(), e.getMessage());
            return;
        }
        var header = frame.header();
        boolean video = header.kind() == MediaKind.VIDEO_JPEG;
        if ((video ? session.limits.videoFlood : session.limits.audioFlood).record(receivedNanos)) {
            framesRejected.incrementAndGet();
            if (session.channel().isOpen()) {
                fatal(session, ErrorCode.RATE_LIMITED, "media flood: " + (video ? "video" : "audio") + " frames at over "
                        + ConnectionLimits.FLOOD_FACTOR + " times the rate limit for "
                        + ConnectionLimits.FLOOD_SECONDS + " s", CloseCode.POLICY);
            }
            return;
        }
        RateLimiter limiter = video ? session.limits.video : session.limits.audio;
        long retry = limiter.tryAcquire(receivedNanos);
        if (retry > 0) {
            framesRejected.incrementAndGet();
            // Frames arrive in bursts (a client's queue flushing after a network stall): drop them, but
            // answer at most once a second (PROTOCOL.md), and only answers count towards the abuse limit,
            // so a burst alone never ends the connection; a sustained flood does, through the flood meter.
            if (session.shouldNotifyMediaRateLimit(MEDIA_RATE_NOTICE_NANOS)) {
                rateLimited(session, "too many " + header.kind() + " frames", retry);
            }
            return;
        }
        String user = session.user();
        CallRecord call = s.state().activeCall(header.callId());
        String peer = call == null ? null : call.peerOf(user);
        if (call == null || !call.accepted() || peer == null || !peer.equals(header.peer())) {
            // Not abuse: frames in flight when a call ends land here. Tell the client, at most once a second.
            framesRejected.incrementAndGet();
            if (session.shouldNotifyNotInCall(NOT_IN_CALL_NOTICE_NANOS)) {
                send(session, ErrorMessage.of(ErrorCode.NOT_IN_CALL,
                        "no accepted call " + header.callId() + " with " + header.peer(), false));
            }
            return;
        }
        // The sender is the relay's stamp: the signed-in user of this connection.
        InboundMedia media = new InboundMedia(user, header, frame.payload(), receivedNanos);
        if (s.writer().submit(session.id(), media)) {
            (header.kind() == MediaKind.VIDEO_JPEG ? videoAccepted : audioAccepted).incrementAndGet();
        } else if (session.shouldNotifyOverload(OVERLOAD_NOTICE_NANOS)) {
            send(session, ErrorMessage.of(ErrorCode.OVERLOADED, "relay is overloaded: media frames are being dropped",
                    false));
        }
    }

    /**
     * An operator removed the account {@code session} is signed in as (already unregistered): tell the
     * client and close, and end the user's call at once rather than after the reconnect grace, since
     * nobody can come back as this account. Called on the replication thread, or on the session's worker
     * when a sign-in finds its account removed meanwhile; only enqueues.
     */
    void endRemovedAccount(ClientSession session) {
        String user = session.user();
        fatal(session, ErrorCode.ACCOUNT_REMOVED, "this account was removed by the relay's operator",
                CloseCode.ACCOUNT_REMOVED);
        session.worker().execute(() -> {
            CallRecord active = s.state().activeCallOf(user);
            if (active == null) {
                return;
            }
            try {
                s.calls().hangup(active.id(), user);
            } catch (RequestRefused alreadyOver) {
                // ended meanwhile
            } catch (SQLException e) {
                // the reconnect grace ends it later
                log.warn("could not end call {} of removed user {}: {}", active.id(), user, e.getMessage());
            }
        });
    }

    public void onClose(ClientSession session) {
        if (s.registry().unregister(session)) {
            log.info("{} signed out", session);
        }
        UUID sessionId = session.sessionId();
        String user = session.user();
        if (sessionId != null) {
            session.worker().execute(() -> {
                try {
                    s.presence().release(user, sessionId);
                } catch (SQLException e) {
                    // the lease expiry will remove it
                    log.warn("could not mark {} offline: {}", user, e.getMessage());
                }
            });
        }
    }

    private void rateLimited(ClientSession session, String what, long retryAfterMs) {
        if (session.recordError(MAX_ERRORS, ERROR_WINDOW_NANOS)) {
            fatal(session, ErrorCode.RATE_LIMITED, "too many messages; " + what, CloseCode.POLICY);
            return;
        }
        send(session, ErrorMessage.of(ErrorCode.RATE_LIMITED, what, false, retryAfterMs));
    }

    private void reject(ClientSession session, ErrorCode code, String message) {
        if (session.recordError(MAX_ERRORS, ERROR_WINDOW_NANOS)) {
            fatal(session, code, "too many protocol errors; last: " + message, CloseCode.POLICY);
            return;
        }
        log.debug("{}: {} ({})", session, code.wire(), message);
        send(session, ErrorMessage.of(code, message, false));
    }

    /** Tells the client why, then closes. */
    public void fatal(ClientSession session, ErrorCode code, String message, CloseCode closeCode) {
        log.info("closing {}: {} ({})", session, code.wire(), message);
        send(session, ErrorMessage.of(code, message, true));
        session.channel().close(closeCode, code.wire());
    }

    private static void send(ClientSession session, ControlMessage message) {
        session.outbound().offerControl(ControlCodec.encode(message));
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public long framesAccepted() {
        return videoAccepted.get() + audioAccepted.get();
    }

    /** Video frames accepted from clients and queued for the database. */
    public long videoFramesAccepted() {
        return videoAccepted.get();
    }

    /** Audio packets accepted from clients and queued for the database. */
    public long audioFramesAccepted() {
        return audioAccepted.get();
    }

    /** What every client's outbound queue had to drop, relay-wide. */
    public OutboundStats outboundStats() {
        return outboundStats;
    }

    public long framesRejected() {
        return framesRejected.get();
    }
}
