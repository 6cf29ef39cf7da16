package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.sarxos.webcam.Webcam;
import com.waltalk.desktop.capture.CameraDirectory;
import com.waltalk.desktop.capture.CameraDriver;
import com.waltalk.desktop.capture.OpenedCamera;
import com.waltalk.desktop.capture.SyntheticCameraDriver;
import com.waltalk.desktop.media.EncodedVideoFrame;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outgoing stream from the synthetic camera through the real Webcam API and real JPEG. */
class VideoSenderTest {

    private CameraDirectory cameras;
    private VideoSender sender;

    @BeforeEach
    void install() {
        cameras = CameraDirectory.install(new CameraDriver(null, Optional.empty(),
                new SyntheticCameraDriver("sender"), CameraDriver.Timeouts.DEFAULT));
    }

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
        Webcam.resetDriver();
    }

    private OpenedCamera camera() {
        return cameras.open(SyntheticCameraDriver.nameFor("sender"));
    }

    @Test
    void sendsFifteenStreamSizeFramesASecondAndFeedsThePreviewFromTheSameCapture() throws Exception {
        List<EncodedVideoFrame> sent = new CopyOnWriteArrayList<>();
        AtomicInteger previews = new AtomicInteger();
        sender = new VideoSender(camera());
        sender.addPreview(f -> {
            assertThat(f.width()).isEqualTo(640);
            previews.incrementAndGet();
        });
        sender.setSink(sent::add);
        long startMicros = Instant.now().toEpochMilli() * 1000;
        sender.start();
        Thread.sleep(2_000);
        sender.setSink(null); // from here on nothing is sent, so the counts below agree
        int n = sent.size();
        OutgoingVideoStats stats = sender.stats();

        long slotsUsed = n + stats.skippedSlots() + stats.grabFailures();
        assertThat(slotsUsed).isBetween(29L, 32L); // 30 slots in 2 s
        assertThat(n).isGreaterThanOrEqualTo(24); // the first frames pay for JIT warm-up and may skip a slot
        assertThat(previews.get()).isBetween(n, n + 2); // one capture, two uses
        for (int i = 0; i < n; i++) {
            EncodedVideoFrame f = sent.get(i);
            assertThat(f.seq()).isEqualTo(i);
            assertThat(f.width()).isEqualTo(640);
            assertThat(f.height()).isEqualTo(360);
            assertThat(f.captureMicros()).isBetween(startMicros - 1_000, startMicros + 3_000_000);
        }
        long spanMicros = sent.get(n - 1).captureMicros() - sent.get(0).captureMicros();
        // capture times sit on the 15 fps grid: span = slots used × 66.7 ms
        long gridMicros = (slotsUsed - 1) * 66_667L;
        assertThat(spanMicros).isBetween(gridMicros - 40_000, gridMicros + 40_000);
        try (JpegDecoder d = new JpegDecoder()) {
            assertThat(d.decode(0, sent.get(n - 1).jpeg()).width()).isEqualTo(640);
        }
        assertThat(stats.fpsOut()).isBetween(12.0, 16.0);
        assertThat(stats.kbitPerSecond()).isGreaterThan(0);
        assertThat(stats.encodeMs()).isGreaterThan(0);
        assertThat(stats.framesSent()).isBetween(n - 1L, (long) n); // the counter follows the hand-over
    }

    @Test
    void cameraOffSendsNothingClosesTheCameraAndTellsListeners() throws Exception {
        List<EncodedVideoFrame> sent = new CopyOnWriteArrayList<>();
        List<Boolean> states = new CopyOnWriteArrayList<>();
        OpenedCamera cam = camera();
        sender = new VideoSender(cam);
        sender.addCameraStateListener(states::add);
        sender.setSink(sent::add);
        sender.start();
        VideoReceiverTest.waitFor(() -> sent.size() >= 3);

        sender.setCameraOn(false);
        int atOff = sent.size();
        Thread.sleep(500);
        assertThat(sent).hasSize(atOff);
        assertThat(sender.isCameraOn()).isFalse();
        assertThat(sender.stats().cameraOn()).isFalse();
        VideoReceiverTest.waitFor(() -> !cam.isOpen());

        sender.setCameraOn(true);
        VideoReceiverTest.waitFor(() -> sent.size() >= atOff + 3);
        assertThat(cam.isOpen()).isTrue();
        assertThat(states).containsExactly(false, true);
        // sequence numbers continue across the pause
        assertThat(sent.get(atOff).seq()).isEqualTo(atOff);
    }

    @Test
    void aSlowSinkMakesSkippedSlotsNotAQueue() throws Exception {
        List<EncodedVideoFrame> sent = new CopyOnWriteArrayList<>();
        sender = new VideoSender(camera());
        sender.setSink(f -> {
            sent.add(f);
            try {
                Thread.sleep(150); // blocks the capture thread for more than two slots
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
        Thread.sleep(1_500);
        OutgoingVideoStats s = sender.stats();
        assertThat(s.skippedSlots()).isGreaterThanOrEqualTo(8);
        assertThat(sent.size()).isBetween(6, 12);
    }
}
