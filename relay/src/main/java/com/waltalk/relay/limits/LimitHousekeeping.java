package com.waltalk.relay.limits;

import com.waltalk.runtime.Threads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic clean-up that keeps the abuse limits' and chat's storage bounded (every minute by
 * default, on every relay; the deletes are conditional and skip rows another relay holds, so relays
 * doing the same work agree and do not wait for each other):
 * <ul>
 *   <li><b>chat retention</b>: messages older than the retention (default 1 year) are deleted;</li>
 *   <li><b>chat quota</b>: a sender storing more than the quota (default 50 MB of message bodies,
 *       counted in {@code chat_usage}) loses their oldest messages until under it;</li>
 *   <li>refilled rate-limit buckets, sign-in addresses unused for 90 days, spent invites.</li>
 * </ul>
 * Every delete is a batch of at most {@link #BATCH} rows in its own transaction, so no lock is held
 * for long; chat deletes reach every relay's stream as a primary key each (replica identity default)
 * and the relays ignore them. A run does at most {@link #MAX_BATCHES} batches of each kind; what is
 * left is done by the next run.
 *
 * <p>Thread-safe: runs on its own thread; {@link #runOnce} may also be called by tests.
 */
public final class LimitHousekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LimitHousekeeping.class);

    static final int BATCH = 1_000;
    static final int MAX_BATCHES = 100;
    static final String KNOWN_ADDRESS_DAYS = "90";

    /** What one run deleted. */
    public record Report(long expiredChat, long overQuotaChat, long idleBuckets, long staleAddresses) {
    }

    private final DataSource dataSource;
    private final SharedLimiter limiter;
    private final InviteStore invites;
    private final LimitSettings settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Threads.named("limit-housekeeping"));
    private boolean lastRunFailed;

    public LimitHousekeeping(DataSource dataSource, SharedLimiter limiter) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.invites = new InviteStore(dataSource);
        this.settings = limiter.settings();
    }

    public void start() {
        long ms = settings.housekeeping().toMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            Report r = runOnce();
            if (r.expiredChat() + r.overQuotaChat() > 0) {
                log.info("chat clean-up: deleted {} message(s) older than {} days, {} beyond senders' {} MB quota",
                        r.expiredChat(), settings.chatRetention().toDays(), r.overQuotaChat(),
                        settings.chatQuotaBytes() / (1024 * 1024));
            }
            if (lastRunFailed) {
                log.info("limit housekeeping works again");
            }
            lastRunFailed = false;
        } catch (SQLException | RuntimeException e) {
            if (!lastRunFailed) {
                log.warn("limit housekeeping failed: {}", e.getMessage());
            }
            lastRunFailed = true;
        }
    }

    /** One round of every clean-up. */
    public Report runOnce() throws SQLException {
        long expired = deleteExpiredChat();
        long overQuota = enforceQuota();
        long buckets = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n = limiter.purgeIdle(BATCH * 5);
            buckets += n;
            if (n < BATCH * 5) {
                break;
            }
        }
        long addresses = update("DELETE FROM sign_in_addresses WHERE last_success < now() - interval '"
                + KNOWN_ADDRESS_DAYS + " days'");
        invites.purgeSpent();
        return new Report(expired, overQuota, buckets, addresses);
    }

    private long deleteExpiredChat() throws SQLException {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int n;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM chat_messages WHERE id IN ("
                         + "SELECT id FROM chat_messages WHERE sent_at < now() - ? * interval '1 second' "
                         + "ORDER BY sent_at LIMIT ? FOR UPDATE SKIP LOCKED)")) {
                ps.setLong(1, settings.chatRetention().toSeconds());
                ps.setInt(2, BATCH);
                n = ps.executeUpdate();
            }
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    private long enforceQuota() throws SQLException {
        List<long[]> over = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT sender_id, bytes FROM chat_usage WHERE bytes > ? ORDER BY bytes DESC LIMIT 100")) {
            ps.setLong(1, settings.chatQuotaBytes());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    over.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        long total = 0;
        for (long[] sender : over) {
            total += trimSender(sender[0], sender[1] - settings.chatQuotaBytes());
        }
        return total;
    }

    /** Deletes {@code senderId}'s oldest messages until at least {@code excess} bytes are gone. */
    private long trimSender(long senderId, long excess) throws SQLException {
        long total = 0;
        for (int i = 0; i < MAX_BATCHES && excess > 0; i++) {
            long freed = 0;
            int n = 0;
            // the oldest messages whose bytes before them are still short of the excess: exactly enough
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM chat_messages WHERE id IN ("
                         + "SELECT id FROM (SELECT id, sum(octet_length(body)) OVER (ORDER BY id) - octet_length(body) AS before "
                         + "FROM chat_messages WHERE sender_id = ? ORDER BY id LIMIT ?) oldest WHERE before < ?) "
                         + "RETURNING octet_length(body)")) {
                ps.setLong(1, senderId);
                ps.setInt(2, BATCH);
                ps.setLong(3, excess);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        freed += rs.getLong(1);
                        n++;
                    }
                }
            }
            total += n;
            excess -= freed;
            if (n == 0) {
                break;
            }
        }
        return total;
    }

    private long update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
