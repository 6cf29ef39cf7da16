package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.media.EncodedVideoFrame;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Newest-wins under a burst, corrupt frames skipped and counted, late frames dropped, on real JPEGs. */
class VideoReceiverTest {

    /** A display that records what it is given; optionally holds the decoder on its first frame. */
    static final class RecordingDisplay implements FrameDisplay {
        final List<ScreenFrame> frames = new CopyOnWriteArrayList<>();
        final CountDownLatch release;

        RecordingDisplay(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void present(ScreenFrame frame) {
            frames.add(frame);
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public long framesShown() {
            return frames.size();
        }

        @Override
        public long framesDropped() {
            return 0;
        }
    }

    private static final byte[][] JPEGS = new byte[3][];

    static {
        try (JpegEncoder e = new JpegEncoder(JpegEncoder.STREAM_QUALITY)) {
            for (int i = 0; i < JPEGS.length; i++) {
                JPEGS[i] = e.encode(TestImages.cameraLike(640, 360, i));
            }
        }
    }

    private static EncodedVideoFrame frame(long seq, byte[] jpeg) {
        return new EncodedVideoFrame(seq, 0, 640, 360, jpeg);
    }

    @Test
    void aBurstWhileTheDecoderIsBusyLeavesOnlyTheNewestFrame() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingDisplay display = new RecordingDisplay(release);
        try (VideoReceiver r = new VideoReceiver(display, "burst")) {
            r.offer(frame(0, JPEGS[0]));
            waitFor(() -> display.frames.size() == 1); // decoder now held inside present()
            for (int seq = 1; seq <= 50; seq++) {
                r.offer(frame(seq, JPEGS[seq % 3]));
            }
            release.countDown();
            waitFor(() -> display.frames.size() == 2);
            Thread.sleep(200);
            assertThat(display.frames).extracting(ScreenFrame::seq).containsExactly(0L, 50L);
            IncomingVideoStats s = r.stats();
            assertThat(s.framesReceived()).isEqualTo(51);
            assertThat(s.framesDecoded()).isEqualTo(2);
            assertThat(s.staleDropped()).isEqualTo(49);
            assertThat(s.corrupt()).isZero();
            assertThat(s.fpsIn()).isGreaterThan(0);
        }
    }

    @Test
    void corruptFramesAreSkippedCountedAndTheStreamGoesOn() throws Exception {
        RecordingDisplay display = new RecordingDisplay(new CountDownLatch(0));
        try (VideoReceiver r = new VideoReceiver(display, "corrupt")) {
            r.offer(frame(1, JPEGS[0]));
            waitFor(() -> r.stats().framesDecoded() == 1);
            r.offer(frame(2, Arrays.copyOf(JPEGS[1], JPEGS[1].length / 2)));
            waitFor(() -> r.stats().corrupt() == 1);
            r.offer(frame(3, new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0, (byte) 0xFF, (byte) 0xD9}));
            waitFor(() -> r.stats().corrupt() == 2);
            r.offer(frame(4, JPEGS[2]));
            waitFor(() -> r.stats().framesDecoded() == 2);
            assertThat(display.frames).extracting(ScreenFrame::seq).containsExactly(1L, 4L);
            assertThat(r.stats().decodeMs()).isGreaterThan(0);
        }
    }

    @Test
    void aFrameOlderThanTheOneShownIsDroppedButARestartedStreamIsNot() throws Exception {
        RecordingDisplay display = new RecordingDisplay(new CountDownLatch(0));
        try (VideoReceiver r = new VideoReceiver(display, "order")) {
            r.offer(frame(5000, JPEGS[0]));
            waitFor(() -> r.stats().framesDecoded() == 1);
            r.offer(frame(4999, JPEGS[1])); // overtaken
            waitFor(() -> r.stats().staleDropped() == 1);
            r.offer(frame(0, JPEGS[2])); // sender restarted its stream
            waitFor(() -> r.stats().framesDecoded() == 2);
            assertThat(display.frames).extracting(ScreenFrame::seq).containsExactly(5000L, 0L);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(5);
        }
    }
}
