package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.testing.SimulatedClient;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A guesser hammering one user name from one address writes a summary line a minute, not a line an attempt
 * (issue 12 measured 12.8 MB / 82k lines a minute). Counts every byte the relay logs, in the relay's own
 * pattern, while one client guesses as fast as the relay answers. By default 10 s of guessing with a 2 s
 * summary window (the test asserts the share of the 100 KB a minute); the real figure for docs/OPERATIONS.md:
 * {@code -Dlimits.guessSeconds=60 -Dlimits.windowSeconds=60}.
 */
class GuessingLogVolumeIT {

    @Test
    void aMinuteOfGuessingFromOneAddressWritesUnder100KbOfLog() throws Exception {
        int seconds = Integer.getInteger("limits.guessSeconds", 10);
        int window = Integer.getInteger("limits.windowSeconds", 2);
        AtomicLong bytes = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n"); // the relay's logback.xml
        encoder.start();
        OutputStreamAppender<ILoggingEvent> counter = new OutputStreamAppender<>();
        counter.setContext(context);
        counter.setEncoder(encoder);
        counter.setOutputStream(new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
                lines.addAndGet(b == '\n' ? 1 : 0);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
                for (int i = off; i < off + len; i++) {
                    lines.addAndGet(b[i] == '\n' ? 1 : 0);
                }
            }
        });
        counter.start();

        long attempts = 0;
        try (TwoRelays relays = TwoRelays.start("guess", LimitSettings.DEFAULT
                .withRefusalLogWindow(Duration.ofSeconds(window)))) {
            SimulatedClient.signIn(relays.a.webSocketUri(), "mark").close();
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(counter);
            try {
                long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                while (System.nanoTime() < until) {
                    try (SimulatedClient c = TwoRelays.greeted(relays.a, "127.0.9.1")) {
                        // the relay closes a connection after 10 failed sign-ins: the guesser reconnects
                        while (c.isOpen() && System.nanoTime() < until) {
                            ControlMessage answer = TwoRelays.answer(c, SignIn.withPassword("mark", "guess " + attempts));
                            attempts++;
                            if (answer instanceof ErrorMessage e && e.fatal()) {
                                break;
                            }
                        }
                    }
                }
            } finally {
                relays.close(); // the refusal log's last window is written at close
                root.detachAppender(counter);
            }
        }
        double perMinute = bytes.get() * 60.0 / seconds;
        System.out.printf("guessing: %d attempts in %d s from one address (summary every %d s): %d bytes, %d lines "
                + "of log = %.0f bytes a minute%n", attempts, seconds, window, bytes.get(), lines.get(), perMinute);
        assertThat(attempts).as("the guesser got answers").isGreaterThan(50);
        assertThat(perMinute).isLessThan(100 * 1024);
    }
}
