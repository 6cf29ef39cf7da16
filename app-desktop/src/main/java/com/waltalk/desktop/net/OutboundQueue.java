package com.waltalk.desktop.net;

import com.waltalk.runtime.Threads;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits to be written to one connection, and the thread that writes it.
 *
 * <ul>
 *   <li>Control messages wait in order and are never dropped: if {@value #MAX_CONTROL} pile up the
 *       connection is stuck, and it is given up ({@link Writer#stalled}) so that the session reconnects.</li>
 *   <li>Audio waits in order, at most {@value #MAX_AUDIO} packets (~{@value #MAX_AUDIO}×20 ms): beyond that
 *       the oldest packet is dropped and counted — audio that late would be discarded by the receiver's
 *       jitter scheduler anyway.</li>
 *   <li>Video waits in a one-frame slot: a newer frame replaces one not yet sent (counted).</li>
 * </ul>
 * Control goes first, then audio, then video. Offers never block.
 *
 * <p>Thread-safety: safe for any number of offering threads; one writer thread drains it.
 */
final class OutboundQueue {

    static final int MAX_CONTROL = 1000;
    static final int MAX_AUDIO = 25;

    /** Writes one message to the socket, blocking while the socket is busy. */
    interface Writer {
        void text(String text) throws Exception;

        void binary(ByteBuffer data) throws Exception;

        /** The queue gave up on the connection (write failed or control piled up). Called once. */
        void stalled(String why, Throwable error);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<String> control = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> audio = new ArrayDeque<>();
    private ByteBuffer video;
    private boolean closed;
    private boolean writing;
    private final AtomicLong audioDropped = new AtomicLong();
    private final AtomicLong videoReplaced = new AtomicLong();
    private final Writer writer;
    private final Thread thread;

    OutboundQueue(Writer writer, String name) {
        this.writer = writer;
        this.thread = Threads.startDaemon(name, this::run);
    }

    /** Queues a control message; {@code false} if the queue is closed (the connection is gone). */
    boolean offerControl(String json) {
        boolean stalled;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            stalled = control.size() >= MAX_CONTROL;
            if (!stalled) {
                control.add(json);
                ready.signal();
            }
        } finally {
            lock.unlock();
        }
        if (stalled) {
            giveUp("control messages piled up: the relay is not reading", null);
            return false;
        }
        return true;
    }

    /** Queues an audio frame; {@code false} if the queue is closed. The oldest waiting packet may be dropped. */
    boolean offerAudio(ByteBuffer frame) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (audio.size() >= MAX_AUDIO) {
                audio.poll();
                audioDropped.incrementAndGet();
            }
            audio.add(frame);
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues a video frame, replacing one not yet sent; {@code false} if the queue is closed. */
    boolean offerVideo(ByteBuffer frame) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            if (video != null) {
                videoReplaced.incrementAndGet();
            }
            video = frame;
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    long audioDropped() {
        return audioDropped.get();
    }

    long videoReplaced() {
        return videoReplaced.get();
    }

    /** Stops the writer thread; what is still queued is discarded. */
    void close() {
        lock.lock();
        try {
            closed = true;
            control.clear();
            audio.clear();
            video = null;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting new messages and lets the writer send what is queued (a {@code sign_out}, say), for
     * at most {@code timeoutMillis}.
     */
    void drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        lock.lock();
        try {
            audio.clear();
            video = null;
            while ((writing || !control.isEmpty()) && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                ready.awaitNanos(Math.min(left, 5_000_000));
            }
        } finally {
            lock.unlock();
        }
    }

    private void giveUp(String why, Throwable error) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            control.clear();
            audio.clear();
            video = null;
            ready.signal();
        } finally {
            lock.unlock();
        }
        writer.stalled(why, error);
    }

    private void run() {
        while (true) {
            Object next;
            lock.lock();
            try {
                while (!closed && control.isEmpty() && audio.isEmpty() && video == null) {
                    ready.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                if (!control.isEmpty()) {
                    next = control.poll();
                } else if (!audio.isEmpty()) {
                    next = audio.poll();
                } else {
                    next = video;
                    video = null;
                }
                writing = true;
            } finally {
                lock.unlock();
            }
            try {
                if (next instanceof String text) {
                    writer.text(text);
                } else {
                    writer.binary((ByteBuffer) next);
                }
            } catch (Exception e) {
                giveUp("write failed: " + e.getMessage(), e);
                return;
            }
            lock.lock();
            try {
                writing = false;
                ready.signalAll(); // wakes drain()
            } finally {
                lock.unlock();
            }
        }
    }
}
