package com.waltalk.relay.replication;

import java.util.Arrays;

/**
 * A PostgreSQL MVCC snapshot ({@code pg_current_snapshot()}) taken together with a read, used to
 * stitch that read to the replication stream: a replicated transaction whose effects the read
 * already saw must not be applied again, and one it did not see must be.
 *
 * <p>Two facts make this exact. The stream only carries committed transactions, so "visible" reduces
 * to "committed before the snapshot": {@code xid < xmax} and not in the in-progress list. And a
 * transaction that committed before the snapshot has its commit record before {@code walLsn}, the
 * WAL insert position read in the same transaction — so every transaction committing at or after
 * {@code walLsn} is new, and the xid test is only needed for the stream that is still behind.
 * (This also covers the known race where the stream delivers a commit before a new snapshot can see
 * it: such a transaction is "in progress" for the snapshot, hence applied from the stream.)
 *
 * <p>Immutable; thread-safe.
 */
public final class TransactionSnapshot {

    private final long xmin;
    private final long xmax;
    private final long[] inProgress;
    private final long walLsn;

    TransactionSnapshot(long xmin, long xmax, long[] inProgress, long walLsn) {
        this.xmin = xmin;
        this.xmax = xmax;
        this.inProgress = inProgress.clone();
        Arrays.sort(this.inProgress);
        this.walLsn = walLsn;
    }

    /** Parses the text form {@code xmin:xmax:xip1,xip2,...} of {@code pg_snapshot}. */
    public static TransactionSnapshot parse(String text, long walLsn) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a pg_snapshot: " + text);
        }
        long[] xip = parts[2].isEmpty() ? new long[0]
                : Arrays.stream(parts[2].split(",")).mapToLong(Long::parseLong).toArray();
        return new TransactionSnapshot(Long.parseLong(parts[0]), Long.parseLong(parts[1]), xip, walLsn);
    }

    /**
     * True if the committed transaction {@code xid32} (the 32-bit xid pgoutput sends), whose commit
     * record is at {@code commitLsn}, was already visible to this snapshot.
     */
    public boolean sawCommitted(long xid32, long commitLsn) {
        if (commitLsn >= walLsn) {
            return false;
        }
        long full = widen(xid32);
        if (full >= xmax) {
            return false;
        }
        return full < xmin || Arrays.binarySearch(inProgress, full) < 0;
    }

    /** Widens a 32-bit xid to the 64-bit xid8 closest below {@code xmax} (xids are within 2^31 of it). */
    long widen(long xid32) {
        long epoch = xmax >>> 32;
        long full = (epoch << 32) | (xid32 & 0xFFFF_FFFFL);
        if (full > xmax + (1L << 31)) {
            full -= 1L << 32;
        }
        return full;
    }

    public long walLsn() {
        return walLsn;
    }

    @Override
    public String toString() {
        return xmin + ":" + xmax + ":" + Arrays.toString(inProgress) + "@" + walLsn;
    }
}
