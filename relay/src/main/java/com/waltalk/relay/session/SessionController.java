package com.waltalk.relay.session;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.relay.ingest.InboundMedia;
import com.waltalk.relay.ingest.MediaWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay does with each message a client sends: sign-in, pings, and media frames (stamped
 * with the signed-in user and handed to the write path). Transport-agnostic; called on the
 * connection's transport thread, which keeps each client's messages in order. Thread-safe.
 */
public final class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    /** WebSocket close codes used by the relay (see docs/PROTOCOL.md). */
    public static final int CLOSE_NORMAL = 1000;
    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_SESSION_REPLACED = 4000;

    static final int MAX_ERRORS = 20;
    static final long ERROR_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long OVERLOAD_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String relayId;
    private final SessionRegistry registry;
    private final MediaWriter writer;
    private final AtomicLong framesAccepted = new AtomicLong();
    private final AtomicLong framesRejected = new AtomicLong();

    public SessionController(String relayId, SessionRegistry registry, MediaWriter writer) {
        this.relayId = relayId;
        this.registry = registry;
        this.writer = writer;
    }

    public void onText(ClientSession session, String text) {
        ControlMessage message;
        try {
            message = ControlCodec.decode(text);
        } catch (ProtocolException e) {
            reject(session, e.code(), e.getMessage());
            return;
        }
        if (message instanceof Hello hello) {
            signIn(session, hello);
        } else if (message instanceof Ping ping) {
            session.outbound().offerControl(ControlCodec.encode(new Pong(ping.id())));
        } else if (!session.signedIn()) {
            reject(session, ErrorCode.NOT_SIGNED_IN, "sign in with hello first");
        } else {
            reject(session, ErrorCode.UNSUPPORTED_MESSAGE,
                    "message type not supported by this relay version: " + typeName(message));
        }
    }

    public void onBinary(ClientSession session, ByteBuffer bytes, long receivedNanos) {
        if (!session.signedIn()) {
            reject(session, ErrorCode.NOT_SIGNED_IN, "sign in with hello before sending media");
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
        // The sender is the relay's stamp: the signed-in user of this connection.
        InboundMedia media = new InboundMedia(session.user(), frame.header(), frame.payload(), receivedNanos);
        if (writer.submit(session.id(), media)) {
            framesAccepted.incrementAndGet();
        } else if (session.shouldNotifyOverload(OVERLOAD_NOTICE_NANOS)) {
            send(session, ErrorMessage.of(ErrorCode.OVERLOADED, "relay is overloaded: media frames are being dropped",
                    false));
        }
    }

    public void onClose(ClientSession session) {
        if (registry.unregister(session)) {
            log.info("{} signed out", session);
        }
    }

    private void signIn(ClientSession session, Hello hello) {
        if (session.signedIn()) {
            reject(session, ErrorCode.ALREADY_SIGNED_IN, "already signed in as " + session.user());
            return;
        }
        if (hello.protocol() != ProtocolVersion.CURRENT) {
            fatal(session, ErrorCode.BAD_VERSION, "protocol " + hello.protocol() + " not supported; this relay speaks "
                    + ProtocolVersion.CURRENT, CLOSE_POLICY);
            return;
        }
        session.signIn(hello.user());
        registry.register(session).ifPresent(previous -> {
            log.info("{} replaced by a newer sign-in from {}", previous, session.remoteAddress());
            fatal(previous, ErrorCode.SESSION_REPLACED, "signed in from another connection",
                    CLOSE_SESSION_REPLACED);
        });
        send(session, new Welcome(ProtocolVersion.CURRENT, hello.user(), relayId, nowMicros()));
        log.info("{} signed in", session);
    }

    private void reject(ClientSession session, ErrorCode code, String message) {
        if (session.recordError(MAX_ERRORS, ERROR_WINDOW_NANOS)) {
            fatal(session, code, "too many protocol errors; last: " + message, CLOSE_POLICY);
            return;
        }
        log.debug("{}: {} ({})", session, code.wire(), message);
        send(session, ErrorMessage.of(code, message, false));
    }

    /** Tells the client why, then closes. */
    public void fatal(ClientSession session, ErrorCode code, String message, int closeCode) {
        log.info("closing {}: {} ({})", session, code.wire(), message);
        send(session, ErrorMessage.of(code, message, true));
        session.channel().close(closeCode, code.wire());
    }

    private static void send(ClientSession session, ControlMessage message) {
        session.outbound().offerControl(ControlCodec.encode(message));
    }

    private static String typeName(ControlMessage m) {
        return m.getClass().getSimpleName();
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public long framesAccepted() {
        return framesAccepted.get();
    }

    public long framesRejected() {
        return framesRejected.get();
    }
}
