package com.waltalk.desktop.playback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlayPositionTest {

    private static final long MS = 1_000_000;

    @Test
    void aRealDeviceIsBelievedEvenWhenItRunsSlightlyFastOrSlow() {
        PlayPosition p = new PlayPosition(16_000, 0);
        for (long ms = 5; ms <= 600_000; ms += 5) {
            long fast = Math.round(ms * 16 * 1.0001);
            assertThat(p.update(fast, ms * MS)).isEqualTo(fast);
        }
        PlayPosition q = new PlayPosition(16_000, 0);
        for (long ms = 5; ms <= 600_000; ms += 5) {
            long slow = Math.round(ms * 16 * 0.999);
            assertThat(q.update(slow, ms * MS)).isEqualTo(slow);
        }
    }

    @Test
    void aDeviceThatConsumesEverythingAtOnceIsPacedToRealTime() {
        PlayPosition p = new PlayPosition(16_000, 0);
        long written = 0;
        for (long ms = 0; ms <= 10_000; ms += 5) {
            long heard = p.update(written, ms * MS);
            assertThat(heard).isBetween(ms * 16 - 320, ms * 16 + 320);
            written = heard + 640; // the player tops up to 40 ms, and the device "plays" it instantly
        }
    }
}
