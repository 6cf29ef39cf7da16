package com.waltalk.relay.limits;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.relay.refusal.RequestRefused;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Token buckets in PostgreSQL's {@code rate_limits} table, so that a limit holds across connections,
 * source addresses and every relay on the database (docs/DECISIONS.md D37). One check is one
 * statement — {@code waltalk_rate_limit} (V6 migration), GCRA buckets updated all or nothing — and one round trip
 * however many buckets it covers. A missing row is a full bucket, and a bucket that has refilled is
 * the same as none, so {@link #purgeIdle} keeps the table to the buckets in use.
 *
 * <p>Blocking (JDBC): call it off the WebSocket threads, on a session worker or the password-check
 * pool. Thread-safe.
 *
 * <pre>{@code
 * limiter.require(Limit.CONTACT_REQUESTS, Long.toString(accountId)); // throws rate_limited with retryAfterMs
 * Decision d = limiter.tryAcquire(Limit.RINGS, Long.toString(callerId));
 * }</pre>
 */
public final class SharedLimiter {

    /** One bucket to take a token from. */
    public record Check(Limit limit, String key) {
        public Check {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(key, "key");
        }

        public static Check of(Limit limit, String subject) {
            return new Check(limit, limit.key(subject));
        }

        public static Check of(Limit limit, String first, String second) {
            return new Check(limit, limit.key(first, second));
        }
    }

    /** Allowed, or refused by {@code refusedBy} until {@code retryAfterMillis} from now. */
    public record Decision(boolean allowed, long retryAfterMillis, Limit refusedBy) {
        public static final Decision ALLOWED = new Decision(true, 0, null);
    }

    private final DataSource dataSource;
    private final LimitSettings settings;
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    public SharedLimiter(DataSource dataSource, LimitSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LimitSettings settings() {
        return settings;
    }

    /** Takes a token from {@code limit}'s bucket of {@code subject}. */
    public Decision tryAcquire(Limit limit, String subject) throws SQLException {
        return tryAcquire(List.of(Check.of(limit, subject)));
    }

    /**
     * Takes a token from each bucket in one statement, all or nothing: refused if any bucket is empty
     * (then the longest wait is returned, and no bucket is charged). A key listed twice is charged once.
     */
    public Decision tryAcquire(List<Check> checkList) throws SQLException {
        if (checkList.isEmpty()) {
            return Decision.ALLOWED;
        }
        // one order for every caller, so that two checks never lock the same rows in opposite orders
        List<Check> sorted = new ArrayList<>(checkList);
        sorted.sort(Comparator.comparing(Check::key));
        int n = sorted.size();
        String[] keys = new String[n];
        Long[] intervals = new Long[n];
        Long[] tolerances = new Long[n];
        for (int i = 0; i < n; i++) {
            Rate rate = settings.rate(sorted.get(i).limit());
            keys[i] = sorted.get(i).key();
            intervals[i] = rate.intervalMicros();
            tolerances[i] = rate.toleranceMicros();
        }
        checks.incrementAndGet();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT waltalk_rate_limit(?, ?, ?)")) {
            Array k = c.createArrayOf("text", keys);
            Array iv = c.createArrayOf("bigint", intervals);
            Array tol = c.createArrayOf("bigint", tolerances);
            ps.setArray(1, k);
            ps.setArray(2, iv);
            ps.setArray(3, tol);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Long[] waits = (Long[]) rs.getArray(1).getArray();
                long longest = 0;
                Limit by = null;
                for (int i = 0; i < n; i++) {
                    if (waits[i] > longest) {
                        longest = waits[i];
                        by = sorted.get(i).limit();
                    }
                }
                if (by == null) {
                    return Decision.ALLOWED;
                }
                refusals.incrementAndGet();
                return new Decision(false, (longest + 999) / 1000, by);
            }
        }
    }

    /**
     * Takes a token or refuses the request with {@code rate_limited} and the time to wait: for the
     * stores' and handlers' request paths, whose refusals the session layer answers.
     */
    public void require(Limit limit, String subject) throws SQLException, RequestRefused {
        require(List.of(Check.of(limit, subject)));
    }

    /** {@link #require(Limit, String)} for several buckets at once. */
    public void require(List<Check> checkList) throws SQLException, RequestRefused {
        Decision d = tryAcquire(checkList);
        if (!d.allowed()) {
            throw new RequestRefused(ErrorCode.RATE_LIMITED, "too many requests (" + d.refusedBy().description()
                    + "); try again in " + Math.max(1, (d.retryAfterMillis() + 999) / 1000) + " s", d.retryAfterMillis());
        }
    }

    /** Gives one token back (the request it was taken for did not count, e.g. a typo the relay refused). */
    public void refund(Check check) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE rate_limits SET tat = tat - ? * interval '1 microsecond' WHERE key = ?")) {
            ps.setLong(1, settings.rate(check.limit()).intervalMicros());
            ps.setString(2, check.key());
            ps.executeUpdate();
        }
    }

    /** Fills the buckets again (forgets them), e.g. a name's and address's failures after a successful sign-in. */
    public void reset(List<Check> checkList) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rate_limits WHERE key = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", checkList.stream().map(Check::key).toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    /**
     * Deletes up to {@code batch} buckets that have refilled (the same as no row). Rows another
     * relay is updating right now are skipped, not waited for.
     *
     * @return how many were deleted
     */
    public int purgeIdle(int batch) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rate_limits WHERE key IN ("
                     + "SELECT key FROM rate_limits WHERE tat < now() LIMIT ? FOR UPDATE SKIP LOCKED) AND tat < now()")) {
            ps.setInt(1, batch);
            return ps.executeUpdate();
        }
    }

    /** Checks made through this instance. */
    public long checks() {
        return checks.get();
    }

    /** Checks refused. */
    public long refusals() {
        return refusals.get();
    }
}
