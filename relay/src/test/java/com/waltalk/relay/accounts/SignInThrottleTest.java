package com.waltalk.relay.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.accounts.SignInThrottle.Decision;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-name lockout with exponential backoff, per-connection cap, and bounded memory; fake clock. */
class SignInThrottleTest {

    // far from zero, and negative: nanoTime values may be either
    private final AtomicLong nanos = new AtomicLong(-TimeUnit.DAYS.toNanos(3));
    private final SignInThrottle throttle = new SignInThrottle(nanos::get);

    private void fail(String name) {
        assertThat(throttle.begin(name).allowed()).isTrue();
        throttle.failed(name);
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void fiveFailuresLockTheNameForOneSecondThenTwoThenFour() {
        for (int i = 0; i < 5; i++) {
            fail("kim");
        }
        assertThat(throttle.begin("kim")).isEqualTo(Decision.throttled(1000));
        advanceMillis(400);
        assertThat(throttle.begin("KIM")).isEqualTo(Decision.throttled(600));
        advanceMillis(600);

        fail("kim");
        assertThat(throttle.begin("kim")).isEqualTo(Decision.throttled(2000));
        advanceMillis(2000);

        fail("kim");
        assertThat(throttle.begin("kim")).isEqualTo(Decision.throttled(4000));
        assertThat(throttle.begin("other")).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void backoffIsCappedAtFiveMinutes() {
        for (int i = 0; i < 5; i++) {
            fail("lee");
        }
        long lock = 1000;
        for (int i = 0; i < 12; i++) {
            advanceMillis(lock);
            fail("lee");
            lock = throttle.begin("lee").retryAfterMillis();
        }
        assertThat(lock).isEqualTo(TimeUnit.MINUTES.toMillis(5));
    }

    @Test
    void theFirstLockoutIsConfigurableAndALongerOneIsItsOwnCap() {
        SignInThrottle slow = new SignInThrottle(nanos::get, Duration.ofMinutes(4));
        for (int i = 0; i < 5; i++) {
            assertThat(slow.begin("max").allowed()).isTrue();
            slow.failed("max");
        }
        assertThat(slow.begin("max")).isEqualTo(Decision.throttled(TimeUnit.MINUTES.toMillis(4)));
        advanceMillis(TimeUnit.MINUTES.toMillis(4));
        assertThat(slow.begin("max").allowed()).isTrue();
        slow.failed("max");
        assertThat(slow.begin("max")).as("doubled, capped at 5 min").isEqualTo(
                Decision.throttled(TimeUnit.MINUTES.toMillis(5)));

        SignInThrottle longer = new SignInThrottle(nanos::get, Duration.ofMinutes(10));
        for (int i = 0; i < 5; i++) {
            assertThat(longer.begin("ned").allowed()).isTrue();
            longer.failed("ned");
        }
        assertThat(longer.begin("ned")).isEqualTo(Decision.throttled(TimeUnit.MINUTES.toMillis(10)));
        advanceMillis(TimeUnit.MINUTES.toMillis(10));
        assertThat(longer.begin("ned").allowed()).isTrue();
        longer.failed("ned");
        assertThat(longer.begin("ned")).as("never below the first lockout").isEqualTo(
                Decision.throttled(TimeUnit.MINUTES.toMillis(10)));
    }

    @Test
    void successResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            fail("max");
        }
        assertThat(throttle.begin("max").allowed()).isTrue();
        throttle.succeeded("max");
        for (int i = 0; i < 4; i++) {
            fail("Max");
        }
        assertThat(throttle.begin("max").allowed()).as("fifth attempt after the reset").isTrue();
    }

    @Test
    void attemptsInFlightCountBeforeTheirOutcomeIsKnown() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.begin("ned").allowed()).isTrue();
        }
        assertThat(throttle.begin("ned").allowed()).as("sixth parallel guess").isFalse();
    }

    @Test
    void idleNamesAreForgottenAfterAnHour() {
        for (int i = 0; i < 5; i++) {
            fail("old");
        }
        advanceMillis(TimeUnit.MINUTES.toMillis(59));
        fail("new");
        advanceMillis(TimeUnit.MINUTES.toMillis(2));
        assertThat(throttle.begin("new").allowed()).isTrue();
        assertThat(throttle.size()).as("'old' evicted, 'new' kept").isEqualTo(1);
        assertThat(throttle.begin("old").allowed()).isTrue();
    }

    @Test
    void theNumberOfNamesIsCapped() {
        SignInThrottle small = new SignInThrottle(nanos::get, 3);
        for (int i = 0; i < 10; i++) {
            small.begin("user" + i);
        }
        assertThat(small.size()).isEqualTo(3);
    }

    @Test
    void aConnectionIsExhaustedAfterTenFailures() {
        ConnectionAttempts attempts = new ConnectionAttempts();
        for (int i = 1; i < 10; i++) {
            assertThat(attempts.recordFailure()).as("failure %d", i).isFalse();
            assertThat(attempts.exhausted()).isFalse();
        }
        assertThat(attempts.recordFailure()).isTrue();
        assertThat(attempts.exhausted()).isTrue();
        assertThat(attempts.failures()).isEqualTo(10);
    }
}
