package com.waltalk.relay.bench;

import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.protocol.media.MediaHeader;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A headless protocol client for tests and the benchmark: a real WebSocket connection speaking the
 * WalTalk protocol. Received media is either queued (default) or handed to a listener on the
 * client's reader thread. Thread-safe for sending; queues are concurrent.
 */
public final class SimulatedClient implements AutoCloseable {

    /** A media frame as received, with the local receive time. */
    public record Received(MediaFrame frame, long receivedNanos) {
    }

    private final Socket socket;
    private final BlockingQueue<Received> media = new LinkedBlockingQueue<>();
    private final BlockingQueue<ControlMessage> control = new LinkedBlockingQueue<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger undecodable = new AtomicInteger();
    private volatile Consumer<Received> mediaListener;
    private volatile int closeCode = -1;
    private volatile String closeReason;

    private SimulatedClient(URI uri) {
        this.socket = new Socket(uri);
        socket.setTcpNoDelay(true);
    }

    /** Connects (without signing in). */
    public static SimulatedClient connect(String uri) throws IOException, InterruptedException {
        SimulatedClient c = new SimulatedClient(URI.create(uri));
        if (!c.socket.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IOException("could not connect to " + uri);
        }
        return c;
    }

    /** Connects and signs in as {@code user}, waiting for the relay's welcome. */
    public static SimulatedClient signIn(String uri, String user) throws IOException, InterruptedException {
        SimulatedClient c = connect(uri);
        c.sendControl(new Hello(ProtocolVersion.CURRENT, user, "simulated-client"));
        ControlMessage reply = c.nextControl(Duration.ofSeconds(10));
        if (!(reply instanceof Welcome)) {
            c.close();
            throw new IOException("sign-in as " + user + " failed: " + reply);
        }
        return c;
    }

    /** Routes received media to {@code listener} instead of the queue. */
    public void onMedia(Consumer<Received> listener) {
        this.mediaListener = listener;
    }

    public void sendControl(ControlMessage message) {
        socket.send(ControlCodec.encode(message));
    }

    public void sendRaw(String text) {
        socket.send(text);
    }

    public void sendRaw(ByteBuffer bytes) {
        socket.send(bytes);
    }

    public void sendMedia(MediaHeader header, ByteBuffer payload) {
        socket.send(MediaCodec.encode(header, payload));
    }

    /** Bytes queued in this client's socket that the relay has not taken yet. */
    public boolean hasBufferedData() {
        return socket.hasBufferedData();
    }

    public Received nextMedia(Duration timeout) throws InterruptedException {
        return media.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ControlMessage nextControl(Duration timeout) throws InterruptedException {
        return control.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the next {@code error} message, skipping other control messages. */
    public ErrorMessage nextError(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ControlMessage m = control.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS);
            if (m instanceof ErrorMessage e) {
                return e;
            }
        }
        return null;
    }

    public int mediaQueued() {
        return media.size();
    }

    public int undecodable() {
        return undecodable.get();
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** Stops reading from the socket (a client that hangs), or resumes. */
    public void pauseReading(boolean paused) {
        socket.paused = paused;
        if (!paused) {
            synchronized (socket) {
                socket.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Socket extends WebSocketClient {
        volatile boolean paused;

        Socket(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            try {
                control.add(ControlCodec.decode(message));
            } catch (ProtocolException e) {
                undecodable.incrementAndGet();
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            long now = System.nanoTime();
            awaitUnpaused();
            try {
                Received r = new Received(MediaCodec.decode(bytes), now);
                Consumer<Received> l = mediaListener;
                if (l != null) {
                    l.accept(r);
                } else {
                    media.add(r);
                }
            } catch (ProtocolException e) {
                undecodable.incrementAndGet();
            }
        }

        private void awaitUnpaused() {
            synchronized (this) {
                while (paused) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closeReason = reason;
            closed.countDown();
        }

        @Override
        public void onError(Exception ex) {
            // surfaced through onClose / isOpen
        }
    }
}
