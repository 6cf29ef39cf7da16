package com.waltalk.relay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    @Test
    void percentilesAreTakenOverTheFramesSentInTheWindowOnly() {
        LatencyRecorder r = new LatencyRecorder(1_000);
        for (int i = 1; i <= 100; i++) {
            r.record(i * MS, 500 * MS); // warm-up: sent before 1 s, slow
        }
        for (int i = 1; i <= 100; i++) {
            r.record(S + i * MS, i * MS); // window: 1..100 ms
        }

        LatencyRecorder.Percentiles window = r.percentilesOfSent(S, Long.MAX_VALUE);
        LatencyRecorder.Percentiles warmup = r.percentilesOfSent(Long.MIN_VALUE, S);

        assertThat(window.samples()).isEqualTo(100);
        assertThat(window.p50()).isEqualTo(50.0);
        assertThat(window.p99()).isEqualTo(99.0);
        assertThat(window.max()).isEqualTo(100.0);
        assertThat(warmup.samples()).isEqualTo(100);
        assertThat(warmup.p99()).isEqualTo(500.0);
        assertThat(r.percentiles().samples()).isEqualTo(200);
    }

    @Test
    void perSecondShowsTheSecondInWhichLatencyWentUp() {
        LatencyRecorder r = new LatencyRecorder(1_000);
        long origin = 10 * S;
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 50; i++) {
                r.record(origin + s * S + i * 10 * MS, (s == 1 ? 300 : 5) * MS);
            }
        }

        List<LatencyRecorder.Percentiles> seconds = r.perSecond(origin, origin + 3 * S);

        assertThat(seconds).hasSize(3);
        assertThat(seconds).extracting(LatencyRecorder.Percentiles::p99).containsExactly(5.0, 300.0, 5.0);
        assertThat(seconds).extracting(LatencyRecorder.Percentiles::samples).containsExactly(50, 50, 50);
    }

    @Test
    void aSecondWithoutSamplesHasNoPercentiles() {
        LatencyRecorder r = new LatencyRecorder(10);
        r.record(2 * S, MS);

        List<LatencyRecorder.Percentiles> seconds = r.perSecond(0, 3 * S);

        assertThat(seconds.get(0).samples()).isZero();
        assertThat(seconds.get(0).p99()).isNaN();
        assertThat(seconds.get(2).p99()).isEqualTo(1.0);
    }
}
