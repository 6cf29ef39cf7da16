package com.waltalk.relay.transport;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.relay.session.ClientSession;
import com.waltalk.relay.session.SessionController;
import com.waltalk.runtime.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
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
            Threads.named("sign-in-timeout"));
    private final LingeringCloser lingeringCloser;
    private volatile Exception startFailure;

    public RelayWebSocketServer(InetSocketAddress address, SessionController controller, long signInTimeoutMillis) {
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
        setWebSocketFactory(new LingeringCloseFactory(new DefaultWebSocketServerFactory(), lingeringCloser));
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
    }

    @Override
    public void onStart() {
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
        ClientSession session = controller.open(new WebSocketChannel(conn), String.valueOf(conn.getRemoteSocketAddress()));
        conn.setAttachment(session);
        log.debug("{} connected", session);
        timers.schedule(() -> {
            if (!session.signedIn() && conn.isOpen()) {
                controller.fatal(session, ErrorCode.SIGN_IN_TIMEOUT, "no sign-in within " + signInTimeoutMillis + " ms",
                        CloseCode.POLICY);
            }
        }, signInTimeoutMillis, TimeUnit.MILLISECONDS);
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
        setWebSocketFactory(new LingeringCloseFactory(
                new org.java_websocket.server.DefaultSSLWebSocketServerFactory(context), lingeringCloser));
    }

    /** The bound port (useful when listening on port 0). */
    public int boundPort() {
        return getPort();
    }

    public void shutdown() {
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
