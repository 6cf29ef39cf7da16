package com.waltalk.relay.accounts;

import com.waltalk.testing.TestContacts;
import com.waltalk.relay.Relay;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Passwords and tokens never reach the log, even at DEBUG: every log event of a relay that registers,
 * signs in with wrong and right passwords and with tokens, and is sent malformed sign-ins with an
 * unquoted password until it closes the connection, is searched for them (message, arguments and
 * exceptions).
 */
class SecretsNotLoggedIT {

    private static final Duration T = Duration.ofSeconds(15);

    // identifier characters only: a JSON parser quoting an unrecognized token quotes all of it
    private static final String PASSWORD = "registeredSecretPw7f3a9c";
    private static final String WRONG_PASSWORD = "wrongSecretPw4b8e21";
    private static final String UNQUOTED_PASSWORD = "unquotedSecretPw91d2e";
    private static final String UNQUOTED_TOKEN = "unquotedSecretToken0c7d33aa";
    private static final String FAKE_TOKEN = "fakeSecretToken_5a1e0b9c2d";

    @TempDir
    static Path dataDir;
    static Relay relay;
    static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    static final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    static final Logger waltalk = (Logger) LoggerFactory.getLogger("com.waltalk");
    static Level waltalkLevel;

    @BeforeAll
    static void start() throws Exception {
        // WALTALK_LOG_LEVEL=DEBUG, the most an operator can turn on; other libraries keep their levels
        waltalkLevel = waltalk.getLevel();
        waltalk.setLevel(Level.DEBUG);
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
        relay = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dataDir.resolve("pg"), "secrets_test")));
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
        root.detachAppender(captured);
        captured.stop();
        waltalk.setLevel(waltalkLevel);
    }

    private static ControlMessage answer(SimulatedClient c) throws Exception {
        return c.awaitControl(ControlMessage.class, m -> m instanceof SignedIn || m instanceof ErrorMessage, T);
    }

    @Test
    void noPasswordOrTokenAppearsInAnyLogEventAtDebug() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, UNQUOTED_PASSWORD, UNQUOTED_TOKEN,
                FAKE_TOKEN));
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            c.hello();
            c.sendControl(new Register("logan", PASSWORD));
            secrets.add(((SignedIn) answer(c)).token());
        }
        String token;
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withPassword("logan", WRONG_PASSWORD));
            assertThat(((ErrorMessage) answer(c)).code()).isEqualTo("bad_credentials");
            c.sendControl(SignIn.withToken(FAKE_TOKEN));
            assertThat(((ErrorMessage) answer(c)).code()).isEqualTo("bad_credentials");
            c.sendControl(SignIn.withPassword("logan", PASSWORD));
            token = ((SignedIn) answer(c)).token();
            secrets.add(token);
        }
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withToken(token));
            secrets.add(((SignedIn) answer(c)).token());
            c.sendControl(new SignOut());
            assertThat(c.awaitClosed(T)).isTrue();
        }
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            c.hello();
            c.sendRaw("{\"type\":\"sign_in\",\"token\":" + UNQUOTED_TOKEN + "}");
            assertThat(c.nextError(T).code()).isEqualTo("bad_json");
            c.sendRaw("{\"type\":\"register\",\"user\":\"logan2\",\"password\":" + UNQUOTED_PASSWORD + "}");
            assertThat(c.nextError(T).code()).isEqualTo("bad_json");
            // 20 errors are tolerated; the 21st closes the connection, and its reason is logged at INFO
            for (int i = 0; i < 18 && c.isOpen(); i++) {
                c.sendRaw("{\"type\":\"sign_in\",\"user\":\"logan\",\"password\":" + UNQUOTED_PASSWORD + "}");
            }
            c.sendRaw("{\"type\":\"sign_in\",\"user\":\"logan\",\"password\":" + UNQUOTED_PASSWORD + "}");
            assertThat(c.awaitClosed(T)).isTrue();
            assertThat(c.closeCode()).isEqualTo(1008);
            assertThat(c.errorsSeen()).hasSize(21).allSatisfy(e -> assertThat(e.code()).isEqualTo("bad_json"));
            assertThat(c.errorsSeen()).allSatisfy(e -> assertThat(e.message()).doesNotContain("Secret"));
        }

        List<ILoggingEvent> events = events();
        // the log was really listened to, at DEBUG, including the refusals and the abuse close
        assertThat(events).anyMatch(e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("bad_json"));
        assertThat(events).anyMatch(e -> e.getLevel() == Level.INFO
                && e.getFormattedMessage().contains("too many protocol errors"));
        assertThat(events).anyMatch(e -> e.getFormattedMessage().contains("failed sign-in"));
        for (ILoggingEvent e : events) {
            String everything = render(e);
            for (String secret : secrets) {
                assertThat(everything).as("log event %s", e).doesNotContain(secret);
            }
        }
    }

    /** The events so far; waits until the relay has logged the last connection's close. */
    private static List<ILoggingEvent> events() throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline && snapshot().stream().noneMatch(
                e -> e.getFormattedMessage().contains("too many protocol errors"))) {
            Thread.sleep(20);
        }
        return snapshot();
    }

    private static List<ILoggingEvent> snapshot() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }

    /** Everything of an event that could be written out: message, pattern, arguments, exceptions. */
    private static String render(ILoggingEvent e) {
        StringBuilder b = new StringBuilder();
        b.append(e.getFormattedMessage()).append('\n').append(e.getMessage()).append('\n');
        if (e.getArgumentArray() != null) {
            for (Object arg : e.getArgumentArray()) {
                b.append(arg).append('\n');
            }
        }
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
            for (IThrowableProxy s : t.getSuppressed()) {
                b.append(s.getClassName()).append(": ").append(s.getMessage()).append('\n');
            }
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                b.append(frame.getSTEAsString()).append('\n');
            }
        }
        b.append(e.getMDCPropertyMap());
        return b.toString();
    }
}
