package com.waltalk.desktop.net;

import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to a relay over the Tyrus client: decodes what arrives (control messages with the
 * relay's 1 MiB limit, media frames) and writes through an {@link OutboundQueue}, so that sending never
 * blocks the caller. It knows nothing of sign-in or sessions; {@link RelayClient} does.
 *
 * <p>Thread-safety: safe to use from any thread. Handler methods are called on Tyrus' receive thread
 * (in arrival order), except {@link Handler#closed} which may come from any thread, exactly once.
 */
public final class RelayConnection {

    private static final Logger log = LoggerFactory.getLogger(RelayConnection.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Largest media message plus slack; larger binary messages are refused by Tyrus (close 1009). */
    private static final int MAX_BINARY = Limits.MAX_MEDIA_MESSAGE_BYTES + 1024;

    /** What a connection reports. */
    public interface Handler {
        void control(RelayConnection connection, ControlMessage message);

        /** A decoded media frame; {@code wireBytes} is the WebSocket message's size. */
        void media(RelayConnection connection, MediaFrame frame, int wireBytes);

        /**
         * The connection is gone: closed by the relay ({@code code} from its close frame), lost (1006), or given
         * up by this side. {@code error} is the transport error, if there was one.
         */
        void closed(RelayConnection connection, int code, String reason, Throwable error);
    }

    private final int id = IDS.incrementAndGet();
    private final Handler handler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;
    private volatile OutboundQueue queue;
    private volatile long lastReceivedNanos = System.nanoTime();

    private RelayConnection(Handler handler) {
        this.handler = handler;
    }

    /**
     * Connects (TCP, TLS, WebSocket upgrade), blocking the calling thread for at most about {@code timeout}.
     *
     * @throws FailureException a classified failure: unreachable, TLS problem (which), not a relay, bad trust store
     */
    public static RelayConnection open(RelayEndpoint endpoint, Duration timeout, Handler handler)
            throws FailureException {
        RelayConnection c = new RelayConnection(handler);
        ClientManager client = ClientManager.createClient();
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) Math.max(1, timeout.toMillis()));
        client.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        client.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, Limits.MAX_SERVER_CONTROL_BYTES * 4 + 64);
        client.setDefaultMaxBinaryMessageBufferSize(MAX_BINARY);
        // Tyrus counts text buffers in bytes of UTF-8 before decoding
        client.setDefaultMaxTextMessageBufferSize(Limits.MAX_SERVER_CONTROL_BYTES * 4);
        if (endpoint.secure()) {
            SslEngineConfigurator ssl = new SslEngineConfigurator(TlsTrust.context(endpoint.trust()), true, false,
                    false);
            ssl.setHostVerificationEnabled(true); // the default; stated because it must never be switched off
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
        }
        try {
            c.session = client.connectToServer(c.new TyrusEndpoint(), ClientEndpointConfig.Builder.create().build(),
                    endpoint.uri());
        } catch (DeploymentException | IOException | RuntimeException e) {
            c.closed.set(true);
            throw new FailureException(ConnectFailures.classify(e, endpoint), e);
        }
        return c;
    }

    /** Queues a control message; {@code false} if the connection is gone. */
    public boolean send(ControlMessage message) {
        OutboundQueue q = queue;
        return q != null && q.offerControl(ControlCodec.encode(message, Limits.MAX_CONTROL_BYTES));
    }

    /** Queues an encoded audio frame (never dropped silently; see {@link OutboundQueue}). */
    public boolean sendAudio(ByteBuffer frame) {
        OutboundQueue q = queue;
        return q != null && q.offerAudio(frame);
    }

    /** Queues an encoded video frame (latest wins while the socket is busy). */
    public boolean sendVideo(ByteBuffer frame) {
        OutboundQueue q = queue;
        return q != null && q.offerVideo(frame);
    }

    /** When the last message (of any kind) arrived, in {@link System#nanoTime()} terms. */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Audio packets dropped because they waited too long to be written. */
    public long audioDropped() {
        OutboundQueue q = queue;
        return q == null ? 0 : q.audioDropped();
    }

    /** Video frames replaced in the send slot by a newer one. */
    public long videoReplaced() {
        OutboundQueue q = queue;
        return q == null ? 0 : q.videoReplaced();
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /**
     * Sends what control messages are queued (at most {@code waitMillis}), then closes normally. Does not
     * report {@link Handler#closed}.
     */
    public void closeAfterFlush(long waitMillis) {
        OutboundQueue q = queue;
        if (q != null) {
            try {
                q.drain(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shutDown(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye");
    }

    /** Closes at once, without reporting {@link Handler#closed}. */
    public void abort() {
        shutDown(CloseReason.CloseCodes.GOING_AWAY, "client gave up on the connection");
    }

    private void shutDown(CloseReason.CloseCode code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OutboundQueue q = queue;
        if (q != null) {
            q.close();
        }
        Session s = session;
        if (s != null) {
            try {
                s.close(new CloseReason(code, reason));
            } catch (IOException | RuntimeException e) {
                log.debug("closing connection {}: {}", id, e.toString());
            }
        }
    }

    private void reportClosed(int code, String reason, Throwable error) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OutboundQueue q = queue;
        if (q != null) {
            q.close();
        }
        handler.closed(this, code, reason == null ? "" : reason, error);
    }

    @Override
    public String toString() {
        return "RelayConnection#" + id;
    }

    private final class TyrusEndpoint extends Endpoint {

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            session = s;
            queue = new OutboundQueue(new OutboundQueue.Writer() {
                @Override
                public void text(String text) throws IOException {
                    s.getBasicRemote().sendText(text);
                }

                @Override
                public void binary(ByteBuffer data) throws IOException {
                    s.getBasicRemote().sendBinary(data);
                }

                @Override
                public void stalled(String why, Throwable error) {
                    log.info("{}: {}", RelayConnection.this, why);
                    try {
                        s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "stalled"));
                    } catch (IOException | RuntimeException e) {
                        log.debug("close after stall: {}", e.toString());
                    }
                    reportClosed(1006, why, error);
                }
            }, "relay-send-" + id);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                lastReceivedNanos = System.nanoTime();
                if (closed.get()) {
                    return;
                }
                ControlMessage m;
                try {
                    m = ControlCodec.decode(text, Limits.MAX_SERVER_CONTROL_BYTES);
                } catch (ProtocolException e) {
                    log.warn("{}: ignoring a malformed control message from the relay: {}", RelayConnection.this,
                            e.getMessage());
                    return;
                }
                handler.control(RelayConnection.this, m);
            });
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                lastReceivedNanos = System.nanoTime();
                if (closed.get()) {
                    return;
                }
                int size = data.remaining();
                MediaFrame frame;
                try {
                    frame = MediaCodec.decode(data);
                } catch (ProtocolException e) {
                    log.warn("{}: ignoring a malformed media frame from the relay: {}", RelayConnection.this,
                            e.getMessage());
                    return;
                }
                handler.media(RelayConnection.this, frame, size);
            });
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            reportClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase(), null);
        }

        @Override
        public void onError(Session s, Throwable error) {
            log.debug("{}: transport error {}", RelayConnection.this, error.toString());
            reportClosed(1006, error.getMessage(), error);
        }
    }
}
