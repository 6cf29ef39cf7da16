package com.waltalk.relay.transport;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.session.ClientSession;
import com.waltalk.relay.session.SessionController;
import com.waltalk.runtime.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket transport of the relay (Java-WebSocket). Maps connections to {@link ClientSession}s and
 * passes every message to the {@link SessionController}; knows nothing of the protocol itself.
 *
 * <p>Java-WebSocket reads every socket on one selector thread and decodes each connection on one of
 * its decoder threads, always the same, so one connection's messages arrive in order; it allocates a
 * fresh buffer per message, so the controller may keep a reference to a binary payload.
 *
 * <p>Connection hygiene (docs/OPERATIONS.md 12.1): every accepted socket passes the {@link ConnectionGate}
 * (relay-wide cap, per-address caps) before anything is allocated for it ({@link AdmissionFactory}), must
 * complete its handshake within the deadline ({@link HandshakeDeadline}) and then sign in within the sign-in
 * timeout. Behind trusted proxies the client's address comes from {@code X-Forwarded-For} ({@link ForwardedFor});
 * that address is the session's {@link ClientSession#remoteAddress()}, and is what per-address limits count.
 */
public final class RelayWebSocketServer extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(RelayWebSocketServer.class);

    /** Largest WebSocket message accepted: a maximum-size video frame plus its header. */
    static final int MAX_MESSAGE_BYTES = Limits.MAX_VIDEO_PAYLOAD + 64 + Limits.MAX_USER_NAME_BYTES;
    /** Caps the kernel's send buffer per client so a stalled client cannot park megabytes there. */
    static final int SOCKET_SEND_BUFFER = 512 * 1024;

    private final SessionController controller;
    private final long signInTimeoutMillis;
    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Threads.named("connection-timers"));
    private final LingeringCloser lingeringCloser;
    private final ConnectionGate gate;
    private final ForwardedFor forwarded;
    private final HandshakeDeadline handshakeDeadline;
    private final ListenerProbe probe = new ListenerProbe();
    private volatile javax.net.ssl.SSLContext tls;
    private volatile Thread selectorThread;
    private volatile Exception startFailure;

    /** A server with {@link RelaySettings.Connections#DEFAULT} hygiene and a relay-wide cap sized from the heap. */
    public RelayWebSocketServer(InetSocketAddress address, SessionController controller, long signInTimeoutMillis) {
        this(address, controller, signInTimeoutMillis, RelaySettings.Connections.DEFAULT);
    }

    public RelayWebSocketServer(InetSocketAddress address, SessionController controller, long signInTimeoutMillis,
                                RelaySettings.Connections connections) {
        // the decoder threads (WebSocketWorker-<id>), one per core and at least two; each connection stays on
        // the one it was first given, which keeps its messages in order
        super(address, Math.max(2, Runtime.getRuntime().availableProcessors()),
                List.of(new BoundedDraft(MAX_MESSAGE_BYTES)));
        this.controller = controller;
        this.signInTimeoutMillis = signInTimeoutMillis;
        setTcpNoDelay(true); // 30 KB frames at 15 fps: Nagle would only add latency
        setReuseAddr(true);
        setConnectionLostTimeout(30);
        try {
            lingeringCloser = new LingeringCloser();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open a selector", e);
        }
        gate = new ConnectionGate(ConnectionBudget.cap(connections.maxConnections()), connections.maxPerAddress(),
                connections.newPerAddressPerSecond(), System::nanoTime);
        forwarded = new ForwardedFor(connections.trustedProxies());
        handshakeDeadline = new HandshakeDeadline(connections.handshakeTimeout().toMillis());
        handshakeDeadline.start(timers, gate::purge);
        setWebSocketFactory(guarded(new DefaultWebSocketServerFactory()));
    }

    private WebSocketServerFactory guarded(WebSocketServerFactory plainOrTls) {
        return new AdmissionFactory(new LingeringCloseFactory(plainOrTls, lingeringCloser), gate, forwarded,
                handshakeDeadline, probe);
    }

    /** Starts the selector thread and waits until the port is bound. */
    public void startAndAwait() throws IOException, InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IOException("WebSocket server did not start within 10 s");
        }
        if (startFailure != null) {
            throw new IOException("cannot listen on " + getAddress() + ": " + startFailure.getMessage(),
                    startFailure);
        }
        probe.start(new InetSocketAddress(getAddress().getAddress(), getPort()), tls);
    }

    @Override
    public void onStart() {
        selectorThread = Thread.currentThread();
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        if (conn instanceof WebSocketImpl impl && impl.getChannel() instanceof NetworkChannel ch) {
            try {
                ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_SEND_BUFFER);
            } catch (IOException | UnsupportedOperationException e) {
                log.debug("could not cap send buffer: {}", e.getMessage());
            }
        }
        InetAddress client = clientAddress(conn, handshake);
        if (client == null) {
            return; // refused and closed
        }
        ClientSession session = controller.open(new WebSocketChannel(conn), client.getHostAddress());
        conn.setAttachment(session);
        log.debug("{} connected", session);
        timers.schedule(() -> {
            if (!session.signedIn() && conn.isOpen()) {
                controller.fatal(session, ErrorCode.SIGN_IN_TIMEOUT, "no sign-in within " + signInTimeoutMillis + " ms",
                        CloseCode.POLICY);
            }
        }, signInTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The client's address for {@code conn}: the TCP peer, or behind a trusted proxy the forwarded address, which
     * is then admitted against the per-address caps (the proxy itself was counted only relay-wide). Null if that
     * admission refused it; the connection is then closed with 1008.
     */
    private InetAddress clientAddress(WebSocket conn, ClientHandshake handshake) {
        if (!(conn instanceof GuardedWebSocket g)) {
            InetSocketAddress a = conn.getRemoteSocketAddress();
            return a == null ? InetAddress.getLoopbackAddress() : a.getAddress();
        }
        InetAddress peer = g.peer();
        if (!forwarded.isTrustedProxy(peer)) {
            return peer;
        }
        InetAddress client = forwarded.client(peer, handshake.getFieldValue(ForwardedFor.HEADER));
        g.setClient(client);
        String key = ConnectionGate.keyOf(client);
        ConnectionGate.Refusal refusal = gate.admitAddress(key);
        if (refusal != null) {
            log.debug("{} (via proxy {}) refused: {}", client.getHostAddress(), peer.getHostAddress(), refusal.tag);
            conn.close(CloseCode.POLICY.code(), "too many connections from " + client.getHostAddress());
            return null;
        }
        g.holdAddressSlot(gate, key);
        return client;
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ClientSession session = conn.getAttachment();
        if (session != null) {
            controller.onText(session, message);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        long now = System.nanoTime();
        ClientSession session = conn.getAttachment();
        if (session != null) {
            controller.onBinary(session, message, now);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        ClientSession session = conn.getAttachment();
        if (session != null) {
            log.debug("{} disconnected ({} {})", session, code, reason);
            controller.onClose(session);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            // server-level failure (e.g. port in use)
            startFailure = ex;
            started.countDown();
            log.error("WebSocket server error: {}", ex.getMessage());
            return;
        }
        // a client's I/O problem or protocol violation: expected, no stack trace
        log.debug("{}: {}", conn.<Object>getAttachment(), ex.toString());
    }

    /** Serves wss:// with this TLS context instead of ws://; call before starting. */
    public void useTls(javax.net.ssl.SSLContext context) {
        // Java-WebSocket's SSLSocketChannel2.processHandshake asserts a handshake state that a client aborting
        // the handshake (e.g. one that rejects our certificate) can break. With assertions on (-ea, as in the
        // tests) that AssertionError kills the selector thread, i.e. the whole WebSocket server, while /healthz
        // still says ok. The code after the assert copes, so that class runs without assertions. Takes effect
        // because the class is initialized only with the first TLS connection.
        ClassLoader loader = WebSocketServer.class.getClassLoader();
        if (loader != null) {
            loader.setClassAssertionStatus("org.java_websocket.SSLSocketChannel2", false);
        }
        tls = context;
        setWebSocketFactory(guarded(new org.java_websocket.server.DefaultSSLWebSocketServerFactory(context)));
    }

    /**
     * Whether the WebSocket listener is up and answering: its selector thread runs and the {@link ListenerProbe}
     * got an answer within the last few seconds. For {@code /healthz}.
     */
    public boolean listening() {
        return selectorAlive() && probe.listening();
    }

    /** Why the listener is not {@link #listening()}, for {@code /healthz}. */
    public String listenerProblem() {
        return !selectorAlive() ? "WebSocket selector thread has stopped" : probe.lastFailure();
    }

    /** Whether the selector thread (which accepts and reads every socket) is still running. */
    public boolean selectorAlive() {
        Thread t = selectorThread;
        return t != null && t.isAlive();
    }

    /** Sockets accepted and not yet closed, handshake done or not. */
    public int acceptedConnections() {
        return gate.open();
    }

    /** The relay-wide connection cap in force. */
    public int maxConnections() {
        return gate.maxConnections();
    }

    /** Accepted sockets whose WebSocket handshake is not done yet. */
    public int pendingHandshakes() {
        return handshakeDeadline.pending();
    }

    /**
     * Connections refused or closed by the hygiene rules since start, by reason: {@code relay_full},
     * {@code address_full}, {@code address_rate}, {@code handshake_timeout}. For metrics.
     */
    public Map<String, java.util.function.LongSupplier> refusals() {
        Map<String, java.util.function.LongSupplier> m = new LinkedHashMap<>();
        for (ConnectionGate.Refusal r : ConnectionGate.Refusal.values()) {
            m.put(r.tag, () -> gate.refused(r));
        }
        m.put("handshake_timeout", handshakeDeadline::timedOut);
        return m;
    }

    /** The bound port (useful when listening on port 0). */
    public int boundPort() {
        return getPort();
    }

    public void shutdown() {
        probe.close();
        timers.shutdownNow();
        for (WebSocket c : getConnections()) {
            c.close(CloseCode.GOING_AWAY.code(), "relay shutting down");
        }
        try {
            stop(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lingeringCloser.close();
    }
}
