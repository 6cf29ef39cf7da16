package com.waltalk.desktop.call;

import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.desktop.net.RelayConnection;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.protocol.media.MediaKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CallMedia} of a session: turns {@link EncodedVideoFrame}s and {@link AudioPacket}s into media
 * frames for the accepted call (header: call id, peer, seq, capture time in relay clock, size or rate) and
 * back, and meters both directions.
 *
 * <p>The session tells it the accepted call ({@link #route}), the local switches ({@link #switches}); it reads
 * the current connection and clock offset through suppliers, so it follows reconnects on its own.
 *
 * <p>Thread-safety: safe to use from any thread; state is in volatile fields and thread-safe meters.
 */
public final class MediaLink implements CallMedia {

    private static final Logger log = LoggerFactory.getLogger(MediaLink.class);
    private static final long SEQ_MASK = 0xFFFF_FFFFL;

    /** The accepted call media belongs to. */
    private record Route(long callId, String peer) {
    }

    private final Supplier<RelayConnection> connection;
    private final LongSupplier clockOffsetMicros;
    private final DoubleSupplier roundTripMillis;
    private final StreamMeter videoOut = new StreamMeter();
    private final StreamMeter videoIn = new StreamMeter();
    private final StreamMeter audioOut = new StreamMeter();
    private final StreamMeter audioIn = new StreamMeter();
    private volatile Route route;
    private volatile boolean cameraOn = true;
    private volatile boolean micOn = true;
    private volatile Consumer<EncodedVideoFrame> videoConsumer;
    private volatile Consumer<AudioPacket> audioConsumer;
    private volatile boolean warnedBadFrame;

    public MediaLink(Supplier<RelayConnection> connection, LongSupplier clockOffsetMicros,
                     DoubleSupplier roundTripMillis) {
        this.connection = connection;
        this.clockOffsetMicros = clockOffsetMicros;
        this.roundTripMillis = roundTripMillis;
    }

    /** Media now belongs to accepted call {@code callId} with {@code peer}; a new call restarts the meters. */
    public void route(long callId, String peer) {
        Route current = route;
        if (current != null && current.callId == callId) {
            return;
        }
        videoOut.reset();
        videoIn.reset();
        audioOut.reset();
        audioIn.reset();
        route = new Route(callId, peer);
    }

    /** No accepted call: frames are dropped both ways. */
    public void unroute() {
        route = null;
    }

    /** The local camera/microphone switches: while off, nothing of that kind leaves the machine. */
    public void switches(boolean cameraOn, boolean micOn) {
        this.cameraOn = cameraOn;
        this.micOn = micOn;
    }

    @Override
    public void sendVideo(EncodedVideoFrame frame) {
        Route r = route;
        RelayConnection c = connection.get();
        if (r == null || c == null || !cameraOn) {
            videoOut.dropped();
            return;
        }
        ByteBuffer wire;
        try {
            wire = MediaCodec.encode(MediaHeader.video(r.callId, frame.seq() & SEQ_MASK,
                    frame.captureMicros() + clockOffsetMicros.getAsLong(), frame.width(), frame.height(), r.peer),
                    ByteBuffer.wrap(frame.jpeg()));
        } catch (IllegalArgumentException e) {
            badFrame("video", e);
            videoOut.dropped();
            return;
        }
        int size = wire.remaining();
        if (c.sendVideo(wire)) {
            videoOut.record(System.nanoTime(), size, -1);
        } else {
            videoOut.dropped();
        }
    }

    @Override
    public void sendAudio(AudioPacket packet) {
        Route r = route;
        RelayConnection c = connection.get();
        if (r == null || c == null || !micOn) {
            audioOut.dropped();
            return;
        }
        ByteBuffer wire;
        try {
            wire = MediaCodec.encode(MediaHeader.audio(r.callId, packet.seq() & SEQ_MASK,
                    packet.captureMicros() + clockOffsetMicros.getAsLong(), AudioPacket.SAMPLE_RATE, 1, r.peer),
                    ByteBuffer.wrap(packet.pcm()));
        } catch (IllegalArgumentException e) {
            badFrame("audio", e);
            audioOut.dropped();
            return;
        }
        int size = wire.remaining();
        if (c.sendAudio(wire)) {
            audioOut.record(System.nanoTime(), size, -1);
        } else {
            audioOut.dropped();
        }
    }

    @Override
    public void onVideo(Consumer<EncodedVideoFrame> consumer) {
        videoConsumer = consumer;
    }

    @Override
    public void onAudio(Consumer<AudioPacket> consumer) {
        audioConsumer = consumer;
    }

    /** A frame from the relay, on the receive thread. Frames of another call (in flight at its end) are dropped. */
    public void received(MediaFrame frame, int wireBytes) {
        Route r = route;
        MediaHeader h = frame.header();
        if (r == null || h.callId() != r.callId || !h.peer().equals(r.peer)) {
            return;
        }
        long captureLocal = h.captureMicros() - clockOffsetMicros.getAsLong();
        long latency = Math.max(0, nowMicros() - captureLocal);
        long now = System.nanoTime();
        byte[] payload = new byte[frame.payloadLength()];
        frame.payload().get(payload);
        if (h.kind() == MediaKind.VIDEO_JPEG) {
            videoIn.sequence(h.seq());
            videoIn.record(now, wireBytes, latency);
            deliver(videoConsumer, new EncodedVideoFrame(h.seq(), captureLocal, h.width(), h.height(), payload));
        } else {
            audioIn.sequence(h.seq());
            if (h.sampleRate() != AudioPacket.SAMPLE_RATE || h.channels() != 1) {
                audioIn.dropped();
                badFrame("incoming audio", new IllegalArgumentException(h.sampleRate() + " Hz x " + h.channels()
                        + " is not the app's 16 kHz mono"));
                return;
            }
            audioIn.record(now, wireBytes, latency);
            deliver(audioConsumer, new AudioPacket(h.seq(), captureLocal, payload));
        }
    }

    private static <T> void deliver(Consumer<T> consumer, T item) {
        if (consumer == null) {
            return;
        }
        try {
            consumer.accept(item);
        } catch (RuntimeException e) {
            log.warn("media consumer failed: {}", e.toString());
        }
    }

    @Override
    public MediaStats stats() {
        long now = System.nanoTime();
        RelayConnection c = connection.get();
        long queueAudio = c == null ? 0 : c.audioDropped();
        long queueVideo = c == null ? 0 : c.videoReplaced();
        return new MediaStats(videoOut.snapshot(now, queueVideo), videoIn.snapshot(now, 0),
                audioOut.snapshot(now, queueAudio), audioIn.snapshot(now, 0), roundTripMillis.getAsDouble(),
                clockOffsetMicros.getAsLong());
    }

    private void badFrame(String what, IllegalArgumentException e) {
        if (!warnedBadFrame) {
            warnedBadFrame = true;
            log.warn("dropping {} frames that cannot be sent: {}", what, e.getMessage());
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
