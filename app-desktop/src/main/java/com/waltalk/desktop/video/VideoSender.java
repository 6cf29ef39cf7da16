package com.waltalk.desktop.video;

import com.waltalk.desktop.capture.OpenedCamera;
import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.runtime.Threads;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing video stream: one capture thread grabs the camera on a drift-free 15 fps schedule
 * ({@link FramePacer}), cover-crops to 640×360, feeds the local previews (self-view, settings) and —
 * when a sink is attached and the camera is on — encodes once to JPEG and hands the frame to the sink.
 * A slot that is missed because capture or encode ran late is skipped, never queued.
 *
 * <p>Camera off closes the camera (its light goes out) and stops all capture; after
 * {@link #setCameraOn(boolean) setCameraOn(false)} returns, no further frame reaches the sink.
 *
 * <p>Thread-safe: every public method may be called from any thread. The sink and the preview
 * listeners run on the capture thread and must not block (hand the frame to a queue).
 */
public final class VideoSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoSender.class);

    /** Frames per second of every WalTalk video stream. */
    public static final int STREAM_FPS = 15;

    private final OpenedCamera camera;
    private final FrameFormatter formatter;
    private final JpegEncoder encoder;
    private final FramePacer pacer;
    private final Clock wallClock;
    private final Thread thread;
    private final List<Consumer<ScreenFrame>> previews = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> cameraStateListeners = new CopyOnWriteArrayList<>();
    private final Object sendLock = new Object();
    private final RateMeter meter = new RateMeter();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong grabFailures = new AtomicLong();
    private volatile long skippedSlots;
    private volatile Consumer<EncodedVideoFrame> sink;
    private volatile boolean cameraOn = true;
    private volatile boolean closed;
    private long seq;
    private long previewSeq;

    /** A 640×360, JPEG q0.65, 15 fps stream from {@code camera}, which it now owns. */
    public VideoSender(OpenedCamera camera) {
        this(camera, new FrameFormatter(640, 360), JpegEncoder.STREAM_QUALITY, STREAM_FPS, Clock.systemUTC());
    }

    public VideoSender(OpenedCamera camera, FrameFormatter formatter, float quality, int fps, Clock wallClock) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.formatter = formatter;
        this.encoder = new JpegEncoder(quality);
        this.pacer = new FramePacer(fps);
        this.wallClock = wallClock;
        this.thread = Threads.daemon("video-capture", this::run);
    }

    /** Starts capturing (previews get frames at once; the sink once attached). */
    public void start() {
        thread.start();
    }

    /** Attaches the network sink (null detaches it: capture goes on for the previews, nothing is encoded). */
    public void setSink(Consumer<EncodedVideoFrame> sink) {
        synchronized (sendLock) {
            this.sink = sink;
        }
    }

    public void addPreview(Consumer<ScreenFrame> preview) {
        previews.add(Objects.requireNonNull(preview));
    }

    public void removePreview(Consumer<ScreenFrame> preview) {
        previews.remove(preview);
    }

    /** Called with the new state on the thread that changed it (e.g. to tell the peer "camera off"). */
    public void addCameraStateListener(Consumer<Boolean> listener) {
        cameraStateListeners.add(Objects.requireNonNull(listener));
    }

    /** Turns the camera on or off. Off: when this returns, no further frame reaches the sink. */
    public void setCameraOn(boolean on) {
        synchronized (sendLock) {
            if (cameraOn == on) {
                return;
            }
            cameraOn = on;
        }
        LockSupport.unpark(thread);
        for (Consumer<Boolean> l : cameraStateListeners) {
            l.accept(on);
        }
    }

    public boolean isCameraOn() {
        return cameraOn;
    }

    /** The camera this stream captures from (its name, and the notice when it is the test pattern). */
    public OpenedCamera camera() {
        return camera;
    }

    public OutgoingVideoStats stats() {
        double[] r = meter.rates(System.nanoTime());
        return new OutgoingVideoStats(cameraOn, r[0], r[1], r[2], framesSent.get(), skippedSlots, grabFailures.get());
    }

    private void run() {
        try {
            while (!closed) {
                if (!cameraOn) {
                    pauseWhileOff();
                    continue;
                }
                pacer.awaitNextSlot();
                skippedSlots = pacer.skippedSlots();
                captureOne();
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("video capture stopped", e);
        } finally {
            camera.close();
            encoder.close();
        }
    }

    private void pauseWhileOff() {
        camera.close();
        while (!cameraOn && !closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        if (closed) {
            return;
        }
        try {
            camera.reopen();
        } catch (RuntimeException e) {
            LOG.warn("camera '{}' did not reopen: {}", camera.name(), e.toString());
        }
        pacer.reset();
    }

    private void captureOne() {
        BufferedImage raw = camera.grab();
        if (raw == null) {
            grabFailures.incrementAndGet();
            return;
        }
        long captureMicros = micros(wallClock.instant());
        BufferedImage frame = formatter.format(raw);
        if (!previews.isEmpty()) {
            ScreenFrame local = ScreenFrame.fromRgb(previewSeq++, frame, false);
            for (Consumer<ScreenFrame> p : previews) {
                p.accept(local);
            }
        }
        if (sink == null || !cameraOn) {
            return;
        }
        long t0 = System.nanoTime();
        byte[] jpeg = encoder.encode(frame);
        long t1 = System.nanoTime();
        synchronized (sendLock) {
            Consumer<EncodedVideoFrame> s = sink;
            if (s == null || !cameraOn) {
                return;
            }
            s.accept(new EncodedVideoFrame(seq++, captureMicros, frame.getWidth(), frame.getHeight(), jpeg));
        }
        framesSent.incrementAndGet();
        meter.record(t1, jpeg.length, t1 - t0);
    }

    private static long micros(Instant t) {
        return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1_000;
    }

    /** Stops capture and closes the camera (waits up to 2 s for the capture thread). */
    @Override
    public void close() {
        closed = true;
        if (!thread.isAlive()) { // never started, or already ended
            camera.close();
            return;
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
