package com.waltalk.relay.ingest;

import java.time.Duration;

/**
 * The ring of one-second partitions the media tables are made of (migration V4): a row lands in
 * partition {@code floor(insertion epoch second) % BUCKETS}, chosen by the database server.
 *
 * <p>Pure arithmetic, immutable, thread-safe.
 */
public final class MediaPartitions {

    /** Partitions per media table; the ring comes back to a partition after this many seconds. */
    public static final int BUCKETS = 16;
    /** Width of one partition's time window. */
    public static final Duration BUCKET = Duration.ofSeconds(1);

    private MediaPartitions() {
    }

    /** The partition of {@code table} for bucket {@code b}, e.g. {@code video_frames_07}. */
    public static String partition(String table, int bucket) {
        return table + "_" + (bucket < 10 ? "0" : "") + bucket;
    }

    /** The absolute bucket (seconds since the epoch) containing {@code epochMillis}. */
    public static long absoluteBucket(long epochMillis) {
        return Math.floorDiv(epochMillis, BUCKET.toMillis());
    }

    /**
     * The latest absolute bucket, at or before {@code current}, that partition {@code bucket} holds
     * rows of.
     */
    public static long latestWindowOf(int bucket, long current) {
        return current - Math.floorMod(current - bucket, BUCKETS);
    }

    /**
     * Whether a TTL can be kept by truncating partitions: a partition must become old enough to
     * truncate, and be truncated by a cleaner running every {@code interval}, before the ring reuses it.
     */
    public static boolean truncationCanKeep(Duration ttl, Duration interval) {
        long slackMillis = (BUCKETS - 1) * BUCKET.toMillis() - ttl.toMillis() - interval.toMillis();
        return slackMillis >= BUCKET.toMillis();
    }
}
