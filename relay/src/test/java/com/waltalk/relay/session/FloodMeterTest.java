package com.waltalk.relay.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sustained floods trip the meter; bursts, however large, and interrupted floods do not. Fake clock. */
class FloodMeterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    // far from zero, and negative: nanoTime values may be either
    private long now = -TimeUnit.DAYS.toNanos(2);
    private final FloodMeter meter = new FloodMeter(SECOND, 60, 10);

    /** {@code frames} arrivals spread evenly over one second; true if any of them tripped the meter. */
    private boolean second(int frames) {
        boolean tripped = false;
        for (int i = 0; i < frames; i++) {
            tripped |= meter.record(now + i * (SECOND / frames));
        }
        now += SECOND;
        return tripped;
    }

    @Test
    void tenFloodedSecondsInARowTripItInTheTenth() {
        for (int s = 0; s < 9; s++) {
            assertThat(second(61)).as("second %d", s + 1).isFalse();
        }
        for (int i = 0; i < 60; i++) {
            assertThat(meter.record(now + i)).isFalse();
        }
        assertThat(meter.record(now + 60)).as("the 61st frame of the 10th second").isTrue();
        assertThat(meter.record(now + 2 * SECOND)).as("stays tripped").isTrue();
    }

    @Test
    void aBurstOfAnySizeFollowedByNormalTrafficNeverTripsIt() {
        assertThat(second(100_000)).isFalse();
        for (int s = 0; s < 30; s++) {
            assertThat(second(30)).isFalse();
        }
    }

    @Test
    void exactlyTheLimitEverySecondIsNotAFlood() {
        for (int s = 0; s < 30; s++) {
            assertThat(second(60)).isFalse();
        }
    }

    @Test
    void oneCalmSecondOrASilentOneStartsTheCountAgain() {
        for (int s = 0; s < 9; s++) {
            assertThat(second(200)).isFalse();
        }
        assertThat(second(60)).isFalse();
        for (int s = 0; s < 9; s++) {
            assertThat(second(200)).isFalse();
        }
        now += SECOND; // nothing at all for a second
        for (int s = 0; s < 9; s++) {
            assertThat(second(200)).isFalse();
        }
        assertThat(second(200)).isTrue();
    }
}
