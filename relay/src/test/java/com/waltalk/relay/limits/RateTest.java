package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateTest {

    @Test
    void parsesCountPeriodAndBurst() {
        assertThat(Rate.parse("5/1h")).isEqualTo(new Rate(5, Duration.ofHours(1), 5));
        assertThat(Rate.parse("5/1s:20")).isEqualTo(new Rate(5, Duration.ofSeconds(1), 20));
        assertThat(Rate.parse("50/1d")).isEqualTo(new Rate(50, Duration.ofDays(1), 50));
        assertThat(Rate.parse("3/500ms").period()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void printsWhatItParses() {
        for (String spec : new String[] {"5/1h", "5/1s:20", "60/1h:30", "50/1d", "3/1m", "7/250ms"}) {
            assertThat(Rate.parse(spec)).hasToString(spec);
        }
    }

    @Test
    void aTokenComesBackEveryPeriodOverCountAndTheBurstIsTheTolerance() {
        Rate r = Rate.parse("5/1s:20");
        assertThat(r.intervalMicros()).isEqualTo(200_000);
        assertThat(r.toleranceMicros()).isEqualTo(19 * 200_000);
        assertThat(Rate.parse("3/1m").toleranceMicros()).isEqualTo(2 * 20_000_000L);
    }

    @Test
    void refusesNonsense() {
        for (String bad : new String[] {"", "5", "5/h", "0/1h", "5/0s", "5/1h:0", "-1/1h", "5/1y", "5/1h:x"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Rate.parse(bad));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Rate.parse("10000000/1s"))
                .withMessageContaining("microsecond");
    }
}
