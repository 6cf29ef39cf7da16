package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pacing against the real clock (count, lateness, no drift) and the skip rule against a stepped clock. */
class FramePacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void fifteenSlotsASecondOnTheRealClockWithoutDrift() throws Exception {
        FramePacer pacer = new FramePacer(15);
        List<Long> lateness = new ArrayList<>();
        long slot = pacer.awaitNextSlot();
        long t0 = System.nanoTime();
        int frames = 1;
        while (true) {
            slot = pacer.awaitNextSlot();
            long now = System.nanoTime();
            lateness.add(now - pacer.startOf(slot));
            frames++;
            // some work per frame, as capture + encode would do: a sleep-based pacer would add it to the period
            Thread.sleep(5);
            if (now - t0 >= 2_000 * MS - 33 * MS) {
                break;
            }
        }
        long elapsed = System.nanoTime() - t0;
        // slots 0..30 span 2 s; 31 frames, give or take one at the edges
        assertThat(frames).isBetween(30, 32);
        assertThat(pacer.skippedSlots()).isZero();
        assertThat(elapsed).isBetween(1_950 * MS, 2_100 * MS);
        // no cumulative drift: the last frames are as punctual as the first (a loop of sleep(66) + 5 ms
        // work would be ~5.7 ms later on every frame, ~170 ms late after 2 s)
        List<Long> last = lateness.subList(lateness.size() - 10, lateness.size());
        assertThat(median(last)).isLessThan(5 * MS);
        assertThat(lateness).allMatch(l -> l >= 0, "never early");
    }

    @Test
    void aLateCallerTakesTheCurrentSlotAtOnceAndSkipsTheMissedOnes() throws Exception {
        AtomicLong clock = new AtomicLong(1_000 * MS);
        FramePacer pacer = new FramePacer(10, clock::get); // 100 ms slots
        assertThat(pacer.awaitNextSlot()).isZero();
        clock.addAndGet(350 * MS); // work took 3.5 slots: slots 1 and 2 are gone, slot 3 has begun
        assertThat(pacer.awaitNextSlot()).isEqualTo(3);
        assertThat(pacer.skippedSlots()).isEqualTo(2);
        clock.addAndGet(60 * MS); // now 410 ms: slot 4 has begun (late by 10 ms): taken, nothing skipped
        assertThat(pacer.awaitNextSlot()).isEqualTo(4);
        assertThat(pacer.skippedSlots()).isEqualTo(2);
        clock.addAndGet(1_000 * MS); // 1410 ms: slot 14
        assertThat(pacer.awaitNextSlot()).isEqualTo(14);
        assertThat(pacer.skippedSlots()).isEqualTo(11);
        assertThat(pacer.startOf(14)).isEqualTo(1_000 * MS + 1_400 * MS);
    }

    @Test
    void slowFramesAreSkippedNotQueued() throws Exception {
        FramePacer pacer = new FramePacer(15);
        long t0 = System.nanoTime();
        long slot = pacer.awaitNextSlot();
        int frames = 1;
        long lastSlot = slot;
        while (System.nanoTime() - t0 < 1_000 * MS) {
            if (frames % 5 == 0) {
                Thread.sleep(250); // a frame that takes almost four slots: the next two are lost
            }
            slot = pacer.awaitNextSlot();
            assertThat(slot).isGreaterThan(lastSlot);
            lastSlot = slot;
            frames++;
        }
        assertThat(pacer.skippedSlots()).isGreaterThanOrEqualTo(4);
        // every slot is either taken once or skipped: nothing is made up later in a burst
        assertThat(frames + pacer.skippedSlots()).isEqualTo(lastSlot + 1);
        assertThat(frames).isLessThan(15);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
