package com.waltalk.desktop.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.connection.ReconnectPolicy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The send policy while the socket is slow, the clock-offset rule and the reconnect backoff. */
class OutboundQueueTest {

    @Test
    void whileTheSocketIsBusyControlWaitsAudioKeepsTheNewestAndVideoTheLatest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> written = new CopyOnWriteArrayList<>();
        OutboundQueue q = new OutboundQueue(new OutboundQueue.Writer() {
            @Override
            public void text(String text) throws Exception {
                release.await(); // the socket is stuck until released
                written.add(text);
            }

            @Override
            public void binary(ByteBuffer data) {
                written.add(data.get(0));
            }

            @Override
            public void stalled(String why, Throwable error) {
                written.add("stalled");
            }
        }, "test-send");
        q.offerControl("first"); // taken by the writer, which then blocks
        Thread.sleep(100);
        q.offerControl("second");
        for (int i = 0; i < 30; i++) {
            assertThat(q.offerAudio(ByteBuffer.wrap(new byte[] {(byte) i}))).isTrue();
        }
        for (int i = 100; i < 105; i++) {
            q.offerVideo(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertThat(q.audioDropped()).isEqualTo(30 - OutboundQueue.MAX_AUDIO);
        assertThat(q.videoReplaced()).isEqualTo(4);
        release.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (written.size() < 2 + OutboundQueue.MAX_AUDIO + 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(written.subList(0, 2)).containsExactly("first", "second");
        assertThat(written.subList(2, 2 + OutboundQueue.MAX_AUDIO)).as("the newest 25 audio packets, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(5, 30).mapToObj(i -> (Object) (byte) i)
                        .toList());
        assertThat(written.get(written.size() - 1)).as("only the latest video frame").isEqualTo((byte) 104);
        assertThat(written).hasSize(2 + OutboundQueue.MAX_AUDIO + 1);
        q.close();
        assertThat(q.offerControl("late")).isFalse();
    }

    @Test
    void controlPilingUpGivesTheConnectionUp() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        OutboundQueue q = new OutboundQueue(new OutboundQueue.Writer() {
            @Override
            public void text(String text) throws Exception {
                never.await();
            }

            @Override
            public void binary(ByteBuffer data) {
            }

            @Override
            public void stalled(String why, Throwable error) {
                stalled.countDown();
            }
        }, "test-send");
        boolean accepted = true;
        for (int i = 0; i <= OutboundQueue.MAX_CONTROL + 1 && accepted; i++) {
            accepted = q.offerControl("m" + i);
        }
        assertThat(accepted).isFalse();
        assertThat(stalled.await(1, TimeUnit.SECONDS)).isTrue();
        never.countDown();
    }

    @Test
    void theOffsetIsTheValueNearestZeroThatTheRoundTripAllows() {
        // same clock, asymmetric round trip: 0, not the midpoint's 88 ms
        assertThat(RelayClient.offsetEstimate(1_000_000 + 176_000, 1_000_000, 1_176_000)).isZero();
        // relay 5 s ahead, 10 ms round trip: within 5 ms of the truth
        long t0 = 2_000_000;
        long est = RelayClient.offsetEstimate(t0 + 5_000 + 5_000_000, t0, t0 + 10_000);
        assertThat(est).isBetween(5_000_000L - 5_000, 5_000_000L + 5_000);
        assertThat(RelayClient.offsetEstimate(t0 + 5_000 - 3_000_000, t0, t0 + 10_000)).isEqualTo(-3_000_000 + 5_000);
    }

    @Test
    void backoffDoublesToTheCapWithJitterInTheUpperHalf() {
        ReconnectPolicy p = ReconnectPolicy.DEFAULT;
        SplittableRandom r = new SplittableRandom(7);
        long[] nominal = {500, 1000, 2000, 4000, 8000, 10000, 10000};
        for (int attempt = 0; attempt < nominal.length; attempt++) {
            for (int i = 0; i < 50; i++) {
                long d = p.delay(attempt, r).toMillis();
                assertThat(d).isBetween(nominal[attempt] / 2, nominal[attempt]);
            }
        }
        assertThat(p.delay(1_000_000, r).toMillis()).isLessThanOrEqualTo(10_000);
    }
}
