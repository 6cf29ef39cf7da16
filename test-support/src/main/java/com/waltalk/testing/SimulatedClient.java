package com.waltalk.testing;

import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.control.Welcome;
import java.util.function.Predicate;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.protocol.media.MediaHeader;
import java.io.IOException;
import java.net.InetAddress;
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
    private final java.util.List<ErrorMessage> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger undecodable = new AtomicInteger();
    private volatile Consumer<Received> mediaListener;
    private volatile Consumer<ControlMessage> controlObserver;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile SignedIn signedIn;
    private volatile Exception connectError;

    private SimulatedClient(URI uri, javax.net.ssl.SSLContext tls) {
        this.socket = new Socket(uri);
        socket.setTcpNoDelay(true);
        if (tls != null) {
            // the library still turns on host name verification (endpoint identification HTTPS) for wss://
            socket.setSocketFactory(tls.getSocketFactory());
        }
    }

    /** Connects (without signing in). */
    public static SimulatedClient connect(String uri) throws IOException, InterruptedException {
        return connect(uri, (javax.net.ssl.SSLContext) null);
    }

    /**
     * Connects (without signing in); a {@code wss://} URI is verified against {@code tls}'s trust
     * managers (or the JDK's default trust store when {@code tls} is null), host name included.
     * A failed connection or TLS handshake throws an IOException saying why.
     */
    public static SimulatedClient connect(String uri, javax.net.ssl.SSLContext tls)
            throws IOException, InterruptedException {
        return connect(uri, tls, java.util.Map.of(), null);
    }

    /**
     * Connects (without signing in) from the local address {@code source} (e.g. 127.0.0.2, to be another host as
     * far as the relay's per-address accounting can tell) with extra HTTP headers in the opening handshake, e.g.
     * the {@code X-Forwarded-For} a reverse proxy adds.
     */
    public static SimulatedClient connectFrom(String source, String uri, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        return connect(uri, null, headers, source);
    }

    private static SimulatedClient connect(String uri, javax.net.ssl.SSLContext tls, java.util.Map<String, String> headers,
                                           String source) throws IOException, InterruptedException {
        SimulatedClient c = new SimulatedClient(URI.create(uri), tls);
        headers.forEach(c.socket::addHeader);
        if (source != null) {
            java.net.Socket bound = new java.net.Socket();
            bound.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(source), 0));
            c.socket.setSocket(bound);
        }
        if (!c.socket.connectBlocking(10, TimeUnit.SECONDS)) {
            c.socket.close();
            // a failed TLS handshake closes the socket before the library reports the exception: wait for it
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (c.connectError == null && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            Exception why = c.connectError;
            throw new IOException("could not connect to " + uri + ": "
                    + (why != null ? why.toString() : c.closeCode + " " + c.closeReason), why);
        }
        return c;
    }

    /**
     * Connects (without signing in) from the local address {@code bindAddress}, e.g. {@code 127.0.0.2}: on
     * loopback every 127.x.y.z is this machine, so tests can show a relay several source addresses.
     * Plain {@code ws://} only.
     */
    public static SimulatedClient connectFrom(String uri, String bindAddress) throws IOException, InterruptedException {
        SimulatedClient c = new SimulatedClient(URI.create(uri), null);
        InetAddress local = InetAddress.getByName(bindAddress);
        c.socket.setSocketFactory(new javax.net.SocketFactory() {
            @Override
            public java.net.Socket createSocket() throws IOException {
                java.net.Socket s = new java.net.Socket();
                s.bind(new java.net.InetSocketAddress(local, 0));
                return s;
            }

            @Override
            public java.net.Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.net.Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                throw new UnsupportedOperationException();
            }
        });
        if (!c.socket.connectBlocking(10, TimeUnit.SECONDS)) {
            c.socket.close();
            throw new IOException("could not connect to " + uri + " from " + bindAddress + ": " + c.closeCode + " "
                    + c.closeReason, c.connectError);
        }
        return c;
    }

    /** The password {@link #signIn(String, String)} uses for simulated users. */
    public static String defaultPassword(String user) {
        return "pw-" + user + "-simulated";
    }

    /** Says hello and waits for the relay's welcome. */
    public Welcome hello() throws IOException, InterruptedException {
        sendControl(new Hello(ProtocolVersion.CURRENT, "simulated-client"));
        return awaitControl(Welcome.class, w -> true, Duration.ofSeconds(10));
    }

    /**
     * Connects and signs in as {@code user} with {@link #defaultPassword}, registering the user first
     * if the relay does not know it yet (registration must be open for that).
     */
    public static SimulatedClient signIn(String uri, String user) throws IOException, InterruptedException {
        return signIn(uri, user, (javax.net.ssl.SSLContext) null);
    }

    /** {@link #signIn(String, String)} over a connection made by {@link #connect(String, javax.net.ssl.SSLContext)}. */
    public static SimulatedClient signIn(String uri, String user, javax.net.ssl.SSLContext tls)
            throws IOException, InterruptedException {
        return signIn(connect(uri, tls), user);
    }

    /** {@link #signIn(String, String)} over a connection made by {@link #connectFrom}. */
    public static SimulatedClient signInFrom(String source, String uri, String user, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        return signIn(connectFrom(source, uri, headers), user);
    }

    private static SimulatedClient signIn(SimulatedClient c, String user) throws IOException, InterruptedException {
        try {
            c.hello();
            c.sendControl(new Register(user, defaultPassword(user)));
            ControlMessage reply = c.awaitControl(ControlMessage.class,
                    m -> m instanceof SignedIn || m instanceof ErrorMessage, Duration.ofSeconds(15));
            if (reply instanceof ErrorMessage e && e.errorCode().orElse(null) == ErrorCode.USER_EXISTS) {
                c.sendControl(SignIn.withPassword(user, defaultPassword(user)));
                reply = c.awaitControl(ControlMessage.class,
                        m -> m instanceof SignedIn || m instanceof ErrorMessage, Duration.ofSeconds(15));
            }
            if (!(reply instanceof SignedIn signedIn)) {
                throw new IOException("sign-in as " + user + " failed: " + reply);
            }
            c.signedIn = signedIn;
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Connects and signs in as an existing {@code user} with {@code password} (no registration). */
    public static SimulatedClient signInWithPassword(String uri, String user, String password)
            throws IOException, InterruptedException {
        SimulatedClient c = connect(uri);
        try {
            c.hello();
            c.sendControl(SignIn.withPassword(user, password));
            ControlMessage reply = c.awaitControl(ControlMessage.class,
                    m -> m instanceof SignedIn || m instanceof ErrorMessage, Duration.ofSeconds(15));
            if (!(reply instanceof SignedIn signedIn)) {
                throw new IOException("sign-in as " + user + " failed: " + reply);
            }
            c.signedIn = signedIn;
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Connects and signs in with a token from an earlier {@link #signedIn()} (no password check). */
    public static SimulatedClient resume(String uri, String token) throws IOException, InterruptedException {
        SimulatedClient c = connect(uri);
        try {
            c.hello();
            c.sendControl(SignIn.withToken(token));
            ControlMessage reply = c.awaitControl(ControlMessage.class,
                    m -> m instanceof SignedIn || m instanceof ErrorMessage, Duration.ofSeconds(15));
            if (!(reply instanceof SignedIn signedIn)) {
                throw new IOException("sign-in with a token failed: " + reply);
            }
            c.signedIn = signedIn;
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Sends a chat message ({@code clientMsgId} may be null). */
    public void sendChat(String to, String body, String clientMsgId) {
        sendControl(new com.waltalk.protocol.control.ChatSend(to, body, clientMsgId));
    }

    /** What the relay answered to the sign-in (user, token), or null. */
    public SignedIn signedIn() {
        return signedIn;
    }

    /**
     * Sets up an accepted call: {@code caller} calls {@code callee}, who accepts when it rings.
     * Returns the call id once both have seen it accepted.
     */
    public static long establishCall(SimulatedClient caller, SimulatedClient callee)
            throws IOException, InterruptedException {
        String calleeName = callee.signedIn.user();
        caller.sendControl(new CallStart(calleeName));
        CallUpdate ringing = callee.awaitControl(CallUpdate.class,
                u -> u.state() == CallState.RINGING && u.callee().equals(calleeName), Duration.ofSeconds(10));
        callee.sendControl(new CallAccept(ringing.callId()));
        long id = ringing.callId();
        caller.awaitControl(CallUpdate.class, u -> u.callId() == id && u.state() == CallState.ACCEPTED,
                Duration.ofSeconds(10));
        callee.awaitControl(CallUpdate.class, u -> u.callId() == id && u.state() == CallState.ACCEPTED,
                Duration.ofSeconds(10));
        return id;
    }

    /** Waits for the call history sent after sign-in and returns the id of an accepted call in it, or -1. */
    public long acceptedCallFromHistory() throws IOException, InterruptedException {
        CallHistory history = awaitControl(CallHistory.class, h -> true, Duration.ofSeconds(10));
        return history.calls().stream().filter(c -> c.state() == CallState.ACCEPTED).mapToLong(CallUpdate::callId)
                .findFirst().orElse(-1);
    }

    /**
     * Waits for a control message of {@code type} matching {@code condition}, discarding others;
     * throws IOException on timeout.
     */
    public <T extends ControlMessage> T awaitControl(Class<T> type, Predicate<? super T> condition, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no " + type.getSimpleName() + " within " + timeout);
            }
            ControlMessage m = control.poll(Math.max(1, left / 1_000_000), TimeUnit.MILLISECONDS);
            if (type.isInstance(m) && condition.test(type.cast(m))) {
                return type.cast(m);
            }
        }
    }

    /** Routes received media to {@code listener} instead of the queue. */
    public void onMedia(Consumer<Received> listener) {
        this.mediaListener = listener;
    }

    /**
     * Shows every received control message to {@code observer} as well (it is still queued), on the
     * thread that also delivers media: the observer sees control messages and media in arrival order.
     */
    public void onControl(Consumer<ControlMessage> observer) {
        this.controlObserver = observer;
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

    private final java.util.Map<String, com.waltalk.protocol.control.ContactRelation> relations =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch contactsReceived = new java.util.concurrent.CountDownLatch(1);

    /**
     * How {@code user} stands to this client according to the contacts list and updates received, once the
     * list after sign-in is complete (waits for it up to {@code timeout}); NONE if unknown.
     */
    public com.waltalk.protocol.control.ContactRelation relation(String user, Duration timeout)
            throws IOException, InterruptedException {
        if (!contactsReceived.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("no complete contacts list within " + timeout);
        }
        return relations.getOrDefault(user.toLowerCase(java.util.Locale.ROOT),
                com.waltalk.protocol.control.ContactRelation.NONE);
    }

    /** The latest status of {@code user} according to the contacts list and presence updates received. */
    public String status(String user) {
        return statuses.getOrDefault(user, "unknown");
    }

    /** Waits until {@link #status} of {@code user} is {@code status}; throws IOException on timeout. */
    public void awaitStatus(String user, String status, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!status.equals(status(user))) {
            if (System.nanoTime() > deadline) {
                throw new IOException(user + " is " + status(user) + ", not " + status + ", after " + timeout);
            }
            Thread.sleep(5);
        }
    }

    /** Every error the relay has sent on this connection so far, whether or not it was consumed. */
    public java.util.List<ErrorMessage> errorsSeen() {
        return java.util.List.copyOf(errors);
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
            super(uri, new WordMaskingClientDraft());
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            try {
                ControlMessage m = ControlCodec.decode(message, Limits.MAX_SERVER_CONTROL_BYTES);
                if (m instanceof ErrorMessage e) {
                    errors.add(e);
                } else if (m instanceof com.waltalk.protocol.control.Contacts d) {
                    d.contacts().forEach(u -> {
                        statuses.put(u.user(), u.status().wire());
                        relations.put(u.user().toLowerCase(java.util.Locale.ROOT), u.relation());
                    });
                    if (d.last()) {
                        contactsReceived.countDown();
                    }
                } else if (m instanceof com.waltalk.protocol.control.ContactUpdate u) {
                    statuses.put(u.user(), u.status().wire());
                    relations.put(u.user().toLowerCase(java.util.Locale.ROOT), u.relation());
                } else if (m instanceof com.waltalk.protocol.control.Presence p) {
                    statuses.put(p.user(), p.status());
                }
                Consumer<ControlMessage> o = controlObserver;
                if (o != null) {
                    o.accept(m);
                }
                control.add(m);
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
            // surfaced through onClose / isOpen; kept for connect() to say why (e.g. a TLS handshake failure)
            if (connectError == null) {
                connectError = ex;
            }
        }
    }
}
