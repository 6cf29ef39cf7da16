package com.waltalk.relay.bench;

import com.waltalk.testing.SimulatedClient;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.protocol.media.MediaKind;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends one sender's stream of one kind (video or audio) to its peer on a drift-free schedule
 * ({@code scheduleAtFixedRate}: the n-th frame is due at start + n × period, however late the
 * previous one ran). Each frame carries the sender's {@link System#nanoTime()} at send time in its
 * payload, at {@link #VIDEO_TIMESTAMP_OFFSET} for video (after the JPEG SOI marker) and
 * {@link #AUDIO_TIMESTAMP_OFFSET} for audio. The payload is generated once and reused.
 *
 * <p>Thread-safe: the executor runs one execution of the task at a time; counters are atomic.
 */
public final class StreamPacer {

    /** Where the send time sits in a video payload: right after {@code FF D8}. */
    public static final int VIDEO_TIMESTAMP_OFFSET = 2;
    /** Where the send time sits in an audio payload. */
    public static final int AUDIO_TIMESTAMP_OFFSET = 0;
    static final int VIDEO_WIDTH = 640;
    static final int VIDEO_HEIGHT = 360;
    static final int AUDIO_SAMPLE_RATE = 16_000;

    private final SimulatedClient sender;
    private final String recipient;
    private final MediaKind kind;
    private final long callId;
    private final byte[] payload;
    private final long periodNanos;
    private final PacingStats pacing;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private volatile long firstDueNanos;
    private ScheduledFuture<?> future;

    /**
     * @param payload the frame payload, owned by this pacer from now on (the send time is written into it)
     * @param pacing  where lateness of the schedule is accumulated (shared by the pacers of one kind)
     */
    public StreamPacer(SimulatedClient sender, String recipient, MediaKind kind, long callId, byte[] payload,
                       long periodNanos, PacingStats pacing) {
        this.sender = sender;
        this.recipient = recipient;
        this.kind = kind;
        this.callId = callId;
        this.payload = payload;
        this.periodNanos = periodNanos;
        this.pacing = pacing;
    }

    /** Schedules the stream; the first frame goes out after {@code initialDelayNanos}. */
    public synchronized void start(ScheduledExecutorService executor, long initialDelayNanos) {
        firstDueNanos = System.nanoTime() + initialDelayNanos;
        future = executor.scheduleAtFixedRate(this::sendNext, initialDelayNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops scheduling further frames (a frame being sent right now still completes). */
    public synchronized void stop() {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** Frames handed to the WebSocket so far; the next frame's sequence number. */
    public long sent() {
        return sent.get();
    }

    /** Frames that could not be sent because the connection was gone. */
    public long sendFailures() {
        return sendFailures.get();
    }

    private void sendNext() {
        long seq = sent.get();
        long due = firstDueNanos + (sendFailures.get() + seq) * periodNanos;
        long now = System.nanoTime();
        pacing.record(now - due, periodNanos);
        ByteBuffer.wrap(payload).putLong(kind == MediaKind.VIDEO_JPEG ? VIDEO_TIMESTAMP_OFFSET : AUDIO_TIMESTAMP_OFFSET,
                now);
        long captureMicros = System.currentTimeMillis() * 1000;
        MediaHeader header = kind == MediaKind.VIDEO_JPEG
                ? MediaHeader.video(callId, seq, captureMicros, VIDEO_WIDTH, VIDEO_HEIGHT, recipient)
                : MediaHeader.audio(callId, seq, captureMicros, AUDIO_SAMPLE_RATE, 1, recipient);
        try {
            sender.sendMedia(header, ByteBuffer.wrap(payload));
            sent.incrementAndGet();
        } catch (RuntimeException e) {
            // the connection closed under us (e.g. closed by the relay as too slow): keep the
            // schedule, count the miss; the sequence number is reused for the next attempt
            sendFailures.incrementAndGet();
        }
    }

    /** How late the pacers of one kind ran against their schedule. Thread-safe. */
    public static final class PacingStats {
        private final AtomicLong maxLagNanos = new AtomicLong();
        private final AtomicLong lateByAPeriod = new AtomicLong();

        void record(long lagNanos, long periodNanos) {
            maxLagNanos.accumulateAndGet(lagNanos, Math::max);
            if (lagNanos > periodNanos) {
                lateByAPeriod.incrementAndGet();
            }
        }

        /** Largest delay between a frame's due time and its send, in ms. */
        public double maxLagMillis() {
            return maxLagNanos.get() / 1e6;
        }

        /** Frames sent more than one period after they were due (the client side could not keep up). */
        public long lateByAPeriod() {
            return lateByAPeriod.get();
        }
    }
}
