package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.relay.limits.SharedLimiter.Check;
import com.waltalk.relay.limits.SharedLimiter.Decision;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token buckets in PostgreSQL: exact under concurrency, shared by every limiter on the database, bounded. */
class SharedLimiterIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static SharedLimiter limiter(Rate rate) {
        return new SharedLimiter(db.pool(), LimitSettings.DEFAULT.withAllRates(rate));
    }

    @Test
    void aBucketAllowsItsBurstThenRefusesWithTheTimeUntilTheNextToken() throws Exception {
        SharedLimiter l = limiter(Rate.parse("3/1m"));
        for (int i = 0; i < 3; i++) {
            assertThat(l.tryAcquire(Limit.RINGS, "burst").allowed()).as("token " + i).isTrue();
        }
        Decision refused = l.tryAcquire(Limit.RINGS, "burst");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.refusedBy()).isEqualTo(Limit.RINGS);
        assertThat(refused.retryAfterMillis()).as("one token per 20 s").isBetween(15_000L, 20_000L);
        assertThat(l.tryAcquire(Limit.RINGS, "another subject").allowed()).isTrue();
        assertThat(l.tryAcquire(Limit.RINGS_PER_CALLEE, "burst").allowed()).as("limits do not share buckets").isTrue();
    }

    @Test
    void tokensComeBackAtTheRate() throws Exception {
        SharedLimiter l = limiter(Rate.parse("10/1s:2"));
        assertThat(l.tryAcquire(Limit.CHAT_SENT, "refill").allowed()).isTrue();
        assertThat(l.tryAcquire(Limit.CHAT_SENT, "refill").allowed()).isTrue();
        Decision d = l.tryAcquire(Limit.CHAT_SENT, "refill");
        assertThat(d.allowed()).isFalse();
        Thread.sleep(d.retryAfterMillis() + 20);
        assertThat(l.tryAcquire(Limit.CHAT_SENT, "refill").allowed()).isTrue();
    }

    @Test
    void limitersOnOneDatabaseShareTheBucketAndConcurrentChecksTakeExactlyTheBurst() throws Exception {
        Rate rate = Rate.parse("20/1h");
        // two limiters stand for two relays: same table, separate pools and instances
        List<SharedLimiter> relays = List.of(limiter(rate), limiter(rate));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                SharedLimiter l = relays.get(i % 2);
                Callable<Boolean> check = () -> l.tryAcquire(Limit.REGISTRATIONS, "203.0.113.7").allowed();
                results.add(pool.submit(check));
            }
            int allowed = 0;
            for (Future<Boolean> f : results) {
                allowed += f.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void severalBucketsInOneCheckAreTakenAllOrNothing() throws Exception {
        SharedLimiter l = new SharedLimiter(db.pool(), LimitSettings.UNLIMITED
                .with(Limit.CHAT_RECEIVED, Rate.parse("2/1h")));
        List<Check> toBob = List.of(Check.of(Limit.CHAT_SENT, "1"), Check.of(Limit.CHAT_RECEIVED, "bob"));
        assertThat(l.tryAcquire(toBob).allowed()).isTrue();
        assertThat(l.tryAcquire(List.of(Check.of(Limit.CHAT_SENT, "2"), Check.of(Limit.CHAT_RECEIVED, "bob")))
                .allowed()).isTrue();
        Decision third = l.tryAcquire(List.of(Check.of(Limit.CHAT_SENT, "3"), Check.of(Limit.CHAT_RECEIVED, "bob")));
        assertThat(third.allowed()).isFalse();
        assertThat(third.refusedBy()).isEqualTo(Limit.CHAT_RECEIVED);
        SharedLimiter tight = limiter(Rate.parse("1/1h"));
        assertThat(tight.tryAcquire(Limit.CHAT_RECEIVED, "carol").allowed()).isTrue();
        assertThat(tight.tryAcquire(List.of(Check.of(Limit.CHAT_SENT, "9"), Check.of(Limit.CHAT_RECEIVED, "carol")))
                .allowed()).isFalse();
        assertThat(tight.tryAcquire(Limit.CHAT_SENT, "9").allowed())
                .as("the refused check took nothing from the sender's bucket").isTrue();
    }

    @Test
    void requireRefusesWithRateLimitedAndTheWait() throws Exception {
        SharedLimiter l = limiter(Rate.parse("1/1h"));
        l.require(Limit.CONTACT_REQUESTS, "7");
        try {
            l.require(Limit.CONTACT_REQUESTS, "7");
            throw new AssertionError("the second request should be refused");
        } catch (RequestRefused e) {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.retryAfterMillis()).isBetween(3_500_000L, 3_600_000L);
            assertThat(e.getMessage()).contains("contact requests");
        }
    }

    @Test
    void resetAndRefundGiveTokensBack() throws Exception {
        SharedLimiter l = limiter(Rate.parse("1/1h"));
        Check c = Check.of(Limit.SIGN_IN_PAIR, "alice", "192.0.2.1");
        assertThat(l.tryAcquire(List.of(c)).allowed()).isTrue();
        assertThat(l.tryAcquire(List.of(c)).allowed()).isFalse();
        l.refund(c);
        assertThat(l.tryAcquire(List.of(c)).allowed()).isTrue();
        l.reset(List.of(c));
        assertThat(l.tryAcquire(List.of(c)).allowed()).isTrue();
    }

    @Test
    void refilledBucketsArePurgedSoTheTableHoldsOnlyBucketsInUse() throws Exception {
        SharedLimiter fast = limiter(Rate.parse("1/100ms"));
        SharedLimiter slow = limiter(Rate.parse("1/1h"));
        for (int i = 0; i < 500; i++) {
            fast.tryAcquire(Limit.RINGS, "idle-" + i);
        }
        slow.tryAcquire(Limit.RINGS, "busy");
        Thread.sleep(200);
        while (fast.purgeIdle(100) > 0) {
            // batches
        }
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT key FROM rate_limits WHERE key LIKE 'ring.caller:idle-%' OR key = 'ring.caller:busy'")) {
            List<String> left = new ArrayList<>();
            while (rs.next()) {
                left.add(rs.getString(1));
            }
            assertThat(left).containsExactly("ring.caller:busy");
        }
    }

    /**
     * What a check costs: one round trip, one row UPSERT in an unlogged table. Printed for
     * docs/DECISIONS.md D37; asserted loosely (a loaded machine may be slow, never 10 ms a check).
     */
    @Test
    void aCheckCostsWellUnderAMillisecond() throws Exception {
        SharedLimiter l = new SharedLimiter(db.pool(), LimitSettings.UNLIMITED);
        for (int i = 0; i < 500; i++) {
            l.tryAcquire(Limit.CHAT_SENT, "warm-" + (i % 50));
        }
        int n = 5_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            l.tryAcquire(Limit.CHAT_SENT, "sender-" + (i % 1000));
        }
        double single = (System.nanoTime() - start) / 1e3 / n;
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            l.tryAcquire(List.of(Check.of(Limit.CHAT_SENT, "s" + (i % 1000)), Check.of(Limit.CHAT_RECEIVED, "r" + (i % 100))));
        }
        double pair = (System.nanoTime() - start) / 1e3 / n;
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (Connection c = db.pool().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1")) {
                rs.next();
            }
        }
        double baseline = (System.nanoTime() - start) / 1e3 / n;
        System.out.printf("shared limiter: %.0f µs per single-bucket check, %.0f µs per two-bucket check, "
                + "%.0f µs per SELECT 1 from the same pool (sequential, %d each)%n", single, pair, baseline, n);
        assertThat(single).isLessThan(10_000);
        assertThat(Duration.ofNanos((long) (pair * 1000))).isLessThan(Duration.ofMillis(10));
    }
}
