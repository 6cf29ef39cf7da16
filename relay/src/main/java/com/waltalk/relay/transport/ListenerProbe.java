package com.waltalk.relay.transport;

import com.waltalk.runtime.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Checks that the WebSocket listener really accepts and answers, the way a client would see it: every
 * {@link #PERIOD_MILLIS} it connects to the relay's own port and sends a plain HTTP request without an upgrade,
 * which the server must answer (with an HTTP error) within {@link #TIMEOUT_MILLIS}.
 *
 * <p>Why not just "the selector thread is alive": when {@code accept()} fails (e.g. for want of a file
 * descriptor) Java-WebSocket cancels and closes its listening socket and its thread carries on, so a relay
 * can be up with nothing listening — the issue saw {@code /healthz} answer 200 then. The probe's own
 * connections are exempt from the connection limits ({@link #isProbe}), so an attack that fills them does not
 * make it fail.
 *
 * <p>Thread-safe: one daemon thread probes; the result is read from any thread.
 */
final class ListenerProbe implements AutoCloseable {

    static final long PERIOD_MILLIS = 2_000;
    static final int TIMEOUT_MILLIS = 3_000;

    private static final byte[] REQUEST = "GET /waltalk-listener-probe HTTP/1.1\r\nHost: probe\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final Set<Integer> probePorts = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress target;
    private volatile SSLContext tls;
    private volatile boolean closed;
    private volatile long lastSuccessNanos;
    private volatile String lastFailure = "not probed yet";
    private Thread thread;

    /** Starts probing {@code listen} (a wildcard address is probed on loopback); {@code tls} null for ws://. */
    synchronized void start(InetSocketAddress listen, SSLContext serverTls) {
        InetAddress host = listen.getAddress() == null || listen.getAddress().isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress() : listen.getAddress();
        target = new InetSocketAddress(host, listen.getPort());
        tls = serverTls == null ? null : trustingItself();
        lastSuccessNanos = System.nanoTime(); // just started and bound: healthy until a probe says otherwise
        thread = Threads.startDaemon("listener-probe", this::run);
    }

    /** Whether the last probe, within the last few periods, found the listener answering. */
    boolean listening() {
        return System.nanoTime() - lastSuccessNanos < 3 * (PERIOD_MILLIS + TIMEOUT_MILLIS) * 1_000_000L;
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Whether a connection from {@code peer} is one of this probe's. */
    boolean isProbe(InetSocketAddress peer) {
        return peer.getAddress().isLoopbackAddress() && probePorts.contains(peer.getPort());
    }

    private void run() {
        while (!closed) {
            try {
                probeOnce();
                lastSuccessNanos = System.nanoTime();
            } catch (IOException | RuntimeException e) {
                lastFailure = e.toString();
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One probe: connect, ask, read the start of the answer. */
    void probeOnce() throws IOException {
        InetSocketAddress to = target;
        try (Socket plain = new Socket()) {
            plain.bind(new InetSocketAddress(to.getAddress(), 0));
            int port = plain.getLocalPort();
            probePorts.add(port); // before connecting, so the server knows it at accept
            try {
                plain.connect(to, TIMEOUT_MILLIS);
                plain.setSoTimeout(TIMEOUT_MILLIS);
                Socket s = plain;
                if (tls != null) {
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, "probe", to.getPort(), true);
                    ssl.startHandshake();
                    s = ssl;
                }
                s.getOutputStream().write(REQUEST);
                s.getOutputStream().flush();
                byte[] head = new byte[5];
                InputStream in = s.getInputStream();
                int n = 0;
                while (n < head.length) {
                    int r = in.read(head, n, head.length - n);
                    if (r < 0) {
                        throw new IOException("listener closed the probe without an answer");
                    }
                    n += r;
                }
                if (!new String(head, StandardCharsets.US_ASCII).equals("HTTP/")) {
                    throw new IOException("listener answered the probe with something other than HTTP");
                }
            } finally {
                probePorts.remove(port);
            }
        }
    }

    /** The probe talks to this very relay: it checks that TLS works, not who it talks to. */
    private static SSLContext trustingItself() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
