package com.waltalk.desktop.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final long MS = 1_000_000;

    @Test
    void sumsOnlyTheEventsInsideTheWindowAndOnlyMeasuredValues() {
        SlidingWindow w = new SlidingWindow(8);
        w.record(0, 100, 5);
        w.record(1_000 * MS, 200, -1); // not measured
        w.record(1_500 * MS, 300, 7);
        SlidingWindow.Sum sum = w.sum(2_100 * MS, 2_000 * MS); // the event at 0 is 2.1 s old: outside
        assertThat(sum.events()).isEqualTo(2);
        assertThat(sum.bytes()).isEqualTo(500);
        assertThat(sum.values()).isEqualTo(7);
        assertThat(sum.valued()).isEqualTo(1);
        assertThat(sum.oldestNanos()).isEqualTo(1_000 * MS);
    }

    @Test
    void keepsOnlyTheNewestCapacityEventsAndClears() {
        SlidingWindow w = new SlidingWindow(4);
        for (int i = 0; i < 10; i++) {
            w.record(i * MS, 1, i);
        }
        SlidingWindow.Sum sum = w.sum(10 * MS, 1_000 * MS);
        assertThat(sum.events()).isEqualTo(4);
        assertThat(sum.values()).isEqualTo(6 + 7 + 8 + 9);
        w.clear();
        assertThat(w.sum(10 * MS, 1_000 * MS).events()).isZero();
    }
}
