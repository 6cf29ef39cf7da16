package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalLog.class);

    @BeforeEach
    void attach() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void manyRefusalsFromOneAddressAreOneLinePerWindow() {
        RefusalLog log = new RefusalLog(Duration.ofMinutes(1));
        for (int i = 0; i < 10_000; i++) {
            log.record("/203.0.113.7:" + (40_000 + i % 1000), i % 10 == 0 ? "sign-in bad_credentials" : "sign-in throttled");
        }
        log.record("/198.51.100.1:5000", "register rate_limited");
        assertThat(log.flush()).isEqualTo(2);
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).containsExactly(
                "refused from 198.51.100.1 in the last 60 s: 1 (register rate_limited 1)",
                "refused from 203.0.113.7 in the last 60 s: 10000 (sign-in bad_credentials 1000, sign-in throttled 9000)");
        assertThat(log.flush()).as("a new window starts empty").isZero();
    }

    @Test
    void beyondTheAddressCapTheRestIsCountedTogether() {
        RefusalLog log = new RefusalLog(Duration.ofMinutes(1));
        for (int i = 0; i < RefusalLog.MAX_ADDRESSES + 500; i++) {
            log.record("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255), "sign-in bad_credentials");
        }
        assertThat(log.flush()).isEqualTo(RefusalLog.MAX_ADDRESSES + 1);
        assertThat(appender.list.stream().map(ILoggingEvent::getFormattedMessage))
                .contains("refused from other addresses in the last 60 s: 500 (sign-in bad_credentials 500)");
    }
}
