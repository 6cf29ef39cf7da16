package com.waltalk.desktop.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each frame (by sequence number) passed each stage of a pipeline, in {@link System#nanoTime()}
 * nanoseconds. Stage 0 is capture; later stages are recorded the first time a frame reaches them.
 * Sequence numbers at or beyond the capacity are ignored.
 *
 * <p>Thread-safe: every stage may be recorded from its own thread; read once the pipeline has stopped.
 */
final class StageTimes {

    static final long NONE = Long.MIN_VALUE;

    private final String[] stages;
    private final int capacity;
    private final AtomicLongArray times;

    StageTimes(int capacity, String... stages) {
        this.stages = stages.clone();
        this.capacity = capacity;
        this.times = new AtomicLongArray(capacity * stages.length);
        for (int i = 0; i < times.length(); i++) {
            times.set(i, NONE);
        }
    }

    void record(int stage, long seq, long nanos) {
        if (seq >= 0 && seq < capacity) {
            times.compareAndSet((int) seq * stages.length + stage, NONE, nanos);
        }
    }

    /** When {@code seq} reached {@code stage}, or {@link #NONE}. */
    long time(int stage, long seq) {
        return seq >= 0 && seq < capacity ? times.get((int) seq * stages.length + stage) : NONE;
    }

    String stage(int stage) {
        return stages[stage];
    }

    int stageCount() {
        return stages.length;
    }

    /** Frames captured in [fromNanos, toNanos). */
    int captured(long fromNanos, long toNanos) {
        int n = 0;
        for (int seq = 0; seq < capacity; seq++) {
            long c = times.get(seq * stages.length);
            if (c != NONE && c >= fromNanos && c < toNanos) {
                n++;
            }
        }
        return n;
    }

    /** Latencies capture → {@code stage}, sorted, of the frames captured in [fromNanos, toNanos) that reached it. */
    long[] latencies(int stage, long fromNanos, long toNanos) {
        long[] out = new long[capacity];
        int n = 0;
        for (int seq = 0; seq < capacity; seq++) {
            long c = times.get(seq * stages.length);
            long s = times.get(seq * stages.length + stage);
            if (c != NONE && s != NONE && c >= fromNanos && c < toNanos) {
                out[n++] = s - c;
            }
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }
}
