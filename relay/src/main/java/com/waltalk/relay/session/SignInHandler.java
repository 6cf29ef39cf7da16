package com.waltalk.relay.session;

import static com.waltalk.relay.session.Replies.fatal;
import static com.waltalk.relay.session.Replies.reject;
import static com.waltalk.relay.session.Replies.send;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.relay.accounts.SignInResult;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.session.SessionController.Services;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's way in and out: {@code hello} → {@code welcome}, {@code register} / {@code sign_in}
 * (password checks on their own pool, token sign-ins on the session's worker), the completed sign-in
 * (presence claimed, newest sign-in wins, directory, call and chat history), {@code sign_out}, the end
 * of a session whose account an operator removed, and the clean-up when a connection closes.
 *
 * <p>Thread-safe: {@link #greet} and {@link #authenticate} are called on the connection's transport
 * thread, which keeps its messages in order; the database work runs on the password-check pool and on
 * the session's serial worker. {@link #endRemovedAccount} and {@link #onClose} only enqueue.
 */
final class SignInHandler {

    private static final Logger log = LoggerFactory.getLogger(SignInHandler.class);

    static final int CALL_HISTORY = 50;
    static final int CHAT_HISTORY = 200;
    /** A password sign-in that waited this long for a password-check thread is answered {@code overloaded}. */
    static final long SIGN_IN_QUEUE_SECONDS = 5;

    private final Services s;

    SignInHandler(Services services) {
        this.s = services;
    }

    /** The first message of a connection: must be a {@code hello} in the protocol version we speak. */
    void greet(ClientSession session, ControlMessage message) {
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

    /** A greeted connection's next message: must be {@code register} or {@code sign_in}. */
    void authenticate(ClientSession session, ControlMessage message) {
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
                            fatal(session, ErrorCode.INTERNAL, "temporary problem, sign in again",
                                    CloseCode.INTERNAL_ERROR);
                        }
                    });
                } else {
                    SignInResult.Failure f = (SignInResult.Failure) result;
                    session.phase(ClientSession.Phase.GREETED);
                    ErrorCode code = f.code();
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
            s.notifications().contactsOf(ok.account().id()).forEach(part -> send(session, part));
        }
        if (!session.channel().isOpen()) {
            // closed while we were registering: make sure we do not leave a ghost
            onClose(session);
            return;
        }
        send(session, new CallHistory(s.calls().history(ok.account().id(), CALL_HISTORY).stream()
                .map(SessionNotifications::toWire).toList()));
        session.chat().start(s.chat().history(ok.account().id(), CHAT_HISTORY));
        log.info("{} signed in", session);
    }

    /** {@code sign_out}: hangs up the user's call, revokes the session's token, and closes normally. */
    void signOut(ClientSession session) {
        String user = session.user();
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

    /**
     * The connection is closed: unregisters the session (if it is still its user's current one) and
     * releases its presence on its worker — the thread that also re-claims presence, so a closing session
     * never leaves a ghost behind.
     */
    void onClose(ClientSession session) {
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

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
