package com.waltalk.relay.bench;

import java.util.BitSet;

/**
 * What one recipient received of one sender's stream of one kind (video or audio): distinct frames,
 * frames that arrived with a lower sequence number than the last one seen (out of order), and
 * frames seen before (duplicates). Thread-safe (synchronized; in practice one receiver thread
 * writes and the main thread reads at the end).
 */
public final class StreamTracker {

    private final BitSet seen = new BitSet();
    private long delivered;
    private long outOfOrder;
    private long duplicates;
    private long lastSeq = -1;

    /**
     * Notes the arrival of frame {@code seq}.
     *
     * @return true the first time this sequence number arrives, false for a duplicate
     */
    public synchronized boolean accept(long seq) {
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence number out of the benchmark's range: " + seq);
        }
        int s = (int) seq;
        if (seen.get(s)) {
            duplicates++;
            return false;
        }
        seen.set(s);
        delivered++;
        if (seq < lastSeq) {
            outOfOrder++;
        } else {
            lastSeq = seq;
        }
        return true;
    }

    /** Distinct frames received. */
    public synchronized long delivered() {
        return delivered;
    }

    public synchronized long outOfOrder() {
        return outOfOrder;
    }

    public synchronized long duplicates() {
        return duplicates;
    }
}
