package com.waltalk.desktop.video;

import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.runtime.Threads;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One incoming video stream: frames arrive from the network thread, one decoding thread turns the
 * newest into pixels, and a {@link FrameDisplay} shows them. Newest wins everywhere: a frame replaced
 * while waiting for the decoder, or older (by sequence number) than one already decoded, is dropped
 * and counted as stale; a corrupt JPEG is counted and skipped, and the stream goes on.
 *
 * <p>Thread-safe: {@link #offer} never blocks and may be called from any thread.
 */
public final class VideoReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoReceiver.class);

    /** A sequence number this far behind the last decoded one means the sender restarted its stream. */
    static final long RESTART_GAP = 1_000;

    private final FrameDisplay display;
    private final JpegDecoder decoder = new JpegDecoder();
    private final AtomicReference<EncodedVideoFrame> pending = new AtomicReference<>();
    private final RateMeter arrivals = new RateMeter();
    private final RateMeter decodes = new RateMeter();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private long lastSeq = -1;

    public VideoReceiver(FrameDisplay display, String streamName) {
        this.display = Objects.requireNonNull(display, "display");
        this.thread = Threads.startDaemon("video-decode-" + streamName, this::run);
    }

    /** Hands over a frame from the network; the previous one is dropped if it was not decoded yet. */
    public void offer(EncodedVideoFrame frame) {
        received.incrementAndGet();
        arrivals.record(System.nanoTime(), frame.jpeg().length, 0);
        if (pending.getAndSet(frame) != null) {
            stale.incrementAndGet();
        }
        LockSupport.unpark(thread);
    }

    public IncomingVideoStats stats() {
        long now = System.nanoTime();
        double[] in = arrivals.rates(now);
        double[] dec = decodes.rates(now);
        return new IncomingVideoStats(in[0], in[1], dec[2], received.get(), decoded.get(), display.framesShown(),
                stale.get() + display.framesDropped(), corrupt.get());
    }

    private void run() {
        try {
            while (!closed) {
                EncodedVideoFrame f = pending.getAndSet(null);
                if (f == null) {
                    LockSupport.park(this);
                    continue;
                }
                decodeOne(f);
            }
        } finally {
            decoder.close();
        }
    }

    private void decodeOne(EncodedVideoFrame f) {
        if (lastSeq >= 0 && f.seq() <= lastSeq && lastSeq - f.seq() < RESTART_GAP) {
            stale.incrementAndGet(); // overtaken: an older frame after a newer one was shown
            return;
        }
        long t0 = System.nanoTime();
        ScreenFrame frame;
        try {
            frame = decoder.decode(f.seq(), f.jpeg());
        } catch (CorruptFrameException e) {
            long n = corrupt.incrementAndGet();
            if (Long.bitCount(n) == 1) { // 1st, 2nd, 4th, 8th … : visible in the log, never a flood
                LOG.warn("corrupt video frame {} skipped ({} so far): {}", f.seq(), n, e.getMessage());
            }
            return;
        }
        long t1 = System.nanoTime();
        decodes.record(t1, f.jpeg().length, t1 - t0);
        decoded.incrementAndGet();
        lastSeq = f.seq();
        display.present(frame);
    }

    /** Stops the decoding thread (a frame being decoded is finished first). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
