package com.waltalk.relay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    @Test
    void settlesAfterTheLastSecondOverTheTargetAndFindsTheWindowsWorstSecond() {
        // 3 s warm-up, 4 s window: cold start over target in seconds 0-1, a 60 ms bump in window second 2
        BenchResult r = result(3, new double[] {900, 150, 40, 20, 10, 60, 12}, new double[] {800, 20, 30, 20, 10, 30, 12});

        assertThat(r.settledAfterSeconds()).isEqualTo(2);
        assertThat(r.worstMeasuredSecond()).isEqualTo(new BenchResult.WorstSecond(2, 60.0));
    }

    @Test
    void aLateSpikeMeansItNeverSettledBeforeIt() {
        BenchResult r = result(1, new double[] {10, 10, 10, 10}, new double[] {10, 10, 130, 10});

        assertThat(r.settledAfterSeconds()).isEqualTo(3);
        assertThat(r.worstMeasuredSecond()).isEqualTo(new BenchResult.WorstSecond(1, 130.0));
    }

    @Test
    void neverOverTheTargetIsSettledFromTheStart() {
        BenchResult r = result(1, new double[] {10, 10}, new double[] {10, 10});

        assertThat(r.settledAfterSeconds()).isZero();
    }

    private static BenchResult result(int warmup, double[] videoP99, double[] audioP99) {
        return new BenchResult(1, videoP99.length - warmup, warmup, 30_000, kind(videoP99), kind(audioP99),
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, 0, 0, Map.of(), null, Map.of(), 0, null, null);
    }

    private static CallSimulator.KindStats kind(double[] p99PerSecond) {
        List<LatencyRecorder.Percentiles> seconds = Arrays.stream(p99PerSecond)
                .mapToObj(p -> new LatencyRecorder.Percentiles(10, p / 2, p, p, p))
                .toList();
        LatencyRecorder.Percentiles none = new LatencyRecorder.Percentiles(0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
        return new CallSimulator.KindStats(0, 0, 0, 0, 0, 0, none, none, seconds, 0, 0, 0);
    }
}
