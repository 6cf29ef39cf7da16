package com.waltalk.relay.session;

import static com.waltalk.relay.session.Replies.rateLimited;
import static com.waltalk.relay.session.Replies.reject;
import static com.waltalk.relay.session.Replies.send;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ContactAction;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.relay.accounts.AccountService;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.chat.ChatStore;
import com.waltalk.relay.contacts.ContactStore;
import com.waltalk.relay.fanout.ClientChannel;
import com.waltalk.relay.fanout.OutboundStats;
import com.waltalk.relay.ingest.MediaWriter;
import com.waltalk.relay.presence.PresenceStore;
import com.waltalk.relay.state.LiveState;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * What the relay does with each message a client sends, as a dispatcher: every control message is
 * rate-limited and decoded here, {@code ping} answered, and the rest routed by the connection's phase
 * and the message's type — greeting and sign-in to {@link SignInHandler}, calls to {@link CallHandler},
 * chat to {@link ChatHandler}, contacts to {@link ContactHandler}; binary messages of a signed-in connection go to {@link MediaIngress}.
 * Transport-agnostic.
 *
 * <p>Thread-safe: {@link #onText} and {@link #onBinary} are called on the connection's transport
 * thread, which keeps each client's messages in order; database work runs on the session's serial
 * worker; {@link #fatal} and {@link #onClose} may be called from any thread.
 */
public final class SessionController {

    /** Everything the controller works with. */
    public record Services(String relayId, boolean registrationOpen, SessionRegistry registry, LiveState state,
                           SessionNotifications notifications, MediaWriter writer, AccountService accounts,
                           PresenceStore presence, CallStore calls, ChatStore chat, ContactStore contacts,
                           ContactRequestLimit contactRequests, Executor workers, Executor passwordChecks) {
    }

    private final Services s;
    private final SignInHandler signIn;
    private final CallHandler calls;
    private final ChatHandler chat;
    private final ContactHandler contacts;
    private final MediaIngress media;
    private final OutboundStats outboundStats = new OutboundStats();

    public SessionController(Services services) {
        this.s = services;
        this.signIn = new SignInHandler(services);
        this.calls = new CallHandler(services);
        this.chat = new ChatHandler(services);
        this.contacts = new ContactHandler(services);
        this.media = new MediaIngress(services);
        services.notifications().attach(signIn);
    }

    /** A new connection; {@code channel} belongs to the transport. */
    public ClientSession open(ClientChannel channel, String remoteAddress) {
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
            case CONNECTED -> signIn.greet(session, message);
            case GREETED -> signIn.authenticate(session, message);
            case AUTHENTICATING -> reject(session, ErrorCode.NOT_SIGNED_IN, "sign-in in progress");
            case SIGNED_IN -> handleSignedIn(session, message);
            default -> throw new IllegalStateException();
        }
    }

    private void handleSignedIn(ClientSession session, ControlMessage message) {
        if (message instanceof ChatSend m) {
            chat.send(session, m);
        } else if (message instanceof CallStart m) {
            calls.start(session, m);
        } else if (message instanceof CallAccept m) {
            calls.accept(session, m);
        } else if (message instanceof CallDecline m) {
            calls.decline(session, m);
        } else if (message instanceof CallHangup m) {
            calls.hangup(session, m);
        } else if (message instanceof MediaState m) {
            calls.mediaState(session, m);
        } else if (message instanceof ContactAction m) {
            contacts.act(session, m);
        } else if (message instanceof SignOut) {
            signIn.signOut(session);
        } else if (message instanceof Hello || message instanceof SignIn || message instanceof Register) {
            reject(session, ErrorCode.ALREADY_SIGNED_IN, "already signed in as " + session.user());
        } else {
            reject(session, ErrorCode.UNSUPPORTED_MESSAGE, "a client does not send " + message.type());
        }
    }

    public void onBinary(ClientSession session, ByteBuffer bytes, long receivedNanos) {
        if (!session.signedIn()) {
            reject(session, ErrorCode.NOT_SIGNED_IN, "sign in before sending media");
            return;
        }
        media.onBinary(session, bytes, receivedNanos);
    }

    public void onClose(ClientSession session) {
        signIn.onClose(session);
    }

    /** Tells the client why, then closes. */
    public void fatal(ClientSession session, ErrorCode code, String message, CloseCode closeCode) {
        Replies.fatal(session, code, message, closeCode);
    }

    public long framesAccepted() {
        return media.videoAccepted() + media.audioAccepted();
    }

    /** Video frames accepted from clients and queued for the database. */
    public long videoFramesAccepted() {
        return media.videoAccepted();
    }

    /** Audio packets accepted from clients and queued for the database. */
    public long audioFramesAccepted() {
        return media.audioAccepted();
    }

    /** What every client's outbound queue had to drop, relay-wide. */
    public OutboundStats outboundStats() {
        return outboundStats;
    }

    public long framesRejected() {
        return media.framesRejected();
    }
}
