package com.waltalk.relay.transport;

import com.waltalk.runtime.Threads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes sockets the way a server must when the peer may still be sending: half-close (FIN after
 * everything already written), read and discard what the peer still sends until it closes too or a
 * deadline passes, then close.
 *
 * <p>Why: closing a TCP socket that has unread input makes the kernel send a reset instead of a FIN,
 * and a reset makes the peer's kernel throw away data it has received but the application has not
 * read yet. Java-WebSocket closes the socket right after writing its close frame, so a client that is
 * still streaming media (or flooding) lost the close frame — and the reason in it (e.g.
 * {@code session_replaced}, policy violation) — and saw 1006 instead; a replaced session would then
 * reconnect. Apache httpd's "lingering close" solves the same problem the same way.
 *
 * <p>Thread-safe: {@link #close} may be called from any thread; one daemon thread does the draining.
 */
final class LingeringCloser implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LingeringCloser.class);

    /** How long a peer gets to finish; past it the socket is closed anyway (reset if it is still sending). */
    static final long LINGER_MILLIS = 2_000;
    /** Sockets lingering at once; beyond this new ones are closed at once rather than hold descriptors. */
    static final int MAX_LINGERING = 4_096;

    private final Queue<Lingering> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicInteger lingering = new AtomicInteger();
    private final Selector selector;
    private final Thread thread;
    private volatile boolean closed;

    private record Lingering(SocketChannel socket, Channel wrapper, long deadlineNanos) {
    }

    LingeringCloser() throws IOException {
        selector = Selector.open();
        thread = Threads.startDaemon("lingering-close", this::run);
    }

    /**
     * Half-closes {@code socket} and closes {@code wrapper} (the channel the server used on top of it, or
     * the socket itself) once the peer has closed its side or the linger time is over.
     */
    void close(SocketChannel socket, Channel wrapper) {
        if (closed || !socket.isOpen() || lingering.incrementAndGet() > MAX_LINGERING) {
            if (!closed && socket.isOpen()) {
                lingering.decrementAndGet();
            }
            closeQuietly(wrapper);
            return;
        }
        try {
            socket.shutdownOutput();
        } catch (IOException e) { // not connected any more: nothing to wait for
            lingering.decrementAndGet();
            closeQuietly(wrapper);
            return;
        }
        arrivals.add(new Lingering(socket, wrapper, System.nanoTime() + LINGER_MILLIS * 1_000_000));
        selector.wakeup();
    }

    /** Sockets currently waiting for their peer. */
    int lingeringCount() {
        return Math.max(0, lingering.get());
    }

    private void run() {
        ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);
        while (!closed) {
            try {
                register();
                selector.select(250);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Lingering l = (Lingering) key.attachment();
                    if (drainedToEnd(l.socket, sink)) {
                        finish(key, l);
                    }
                }
                selector.selectedKeys().clear();
                for (SelectionKey key : selector.keys()) {
                    Lingering l = (Lingering) key.attachment();
                    if (key.isValid() && now - l.deadlineNanos > 0) {
                        finish(key, l);
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("lingering close: {}", e.toString());
            }
        }
        List<SelectionKey> left = new ArrayList<>(selector.keys());
        for (SelectionKey key : left) {
            finish(key, (Lingering) key.attachment());
        }
        for (Lingering l; (l = arrivals.poll()) != null; ) {
            closeQuietly(l.wrapper);
        }
        closeQuietly(selector);
    }

    private void register() {
        for (Lingering l; (l = arrivals.poll()) != null; ) {
            try {
                l.socket.register(selector, SelectionKey.OP_READ, l);
            } catch (ClosedChannelException | RuntimeException e) {
                lingering.decrementAndGet();
                closeQuietly(l.wrapper);
            }
        }
    }

    /** Reads and discards what is there; true once the peer has closed (or the socket failed). */
    private static boolean drainedToEnd(SocketChannel socket, ByteBuffer sink) {
        try {
            int n;
            do {
                sink.clear();
                n = socket.read(sink);
            } while (n > 0);
            return n < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void finish(SelectionKey key, Lingering l) {
        key.cancel();
        lingering.decrementAndGet();
        closeQuietly(l.wrapper);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing: nothing useful left to do with a failure
        }
    }

    /** Closes every lingering socket now and stops the thread. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
