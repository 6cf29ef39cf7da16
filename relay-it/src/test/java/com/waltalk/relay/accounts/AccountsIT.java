package com.waltalk.relay.accounts;

import com.waltalk.testing.RunningRelay;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration, sign-in with password and token, sign-out, throttling — over a real WebSocket. */
class AccountsIT {

    private static final Duration T = Duration.ofSeconds(10);

    /**
     * Long enough that a throttled name is still locked when the test's next connection asks, however
     * slowly a loaded machine runs the bcrypt checks and connects; no test here waits it out.
     */
    private static final Duration LOCKOUT = Duration.ofMinutes(2);

    @RegisterExtension
    static final RunningRelay open = RunningRelay.loopback("accounts_open")
            .withTimeouts(RelaySettings.Timeouts.DEFAULT.withSignInLockout(LOCKOUT))
            // the shipped sign-in limit per (name, address): 5, then one every 3 minutes (OPERATIONS.md 12.4)
            .withLimits(com.waltalk.relay.limits.LimitSettings.UNLIMITED.with(
                    com.waltalk.relay.limits.Limit.SIGN_IN_PAIR, com.waltalk.relay.limits.Limit.SIGN_IN_PAIR.defaultRate()));
    @RegisterExtension
    static final RunningRelay closed = RunningRelay.loopback("accounts_closed").withRegistration(false);

    private static ControlMessage answer(SimulatedClient c) throws Exception {
        return c.awaitControl(ControlMessage.class, m -> m instanceof SignedIn || m instanceof ErrorMessage, T);
    }

    /**
     * A sign-in that checked the account just before the operator deleted it registers its session after
     * the deletion went through this relay's stream, which found no session to close: the sign-in sees
     * the removal (here recorded in the relay's state the way the stream records it, while the row still
     * exists so the password check passes) and ends itself with {@code account_removed} / 4002 instead of
     * leaving a removed account signed in; its presence claim is released.
     */
    @Test
    void aSignInRacingTheAccountsRemovalEndsItselfInsteadOfStayingSignedIn() throws Exception {
        long id;
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(new Register("racer", "racing the removal"));
            answer(c);
        }
        try (var conn = open.database().pool().getConnection();
             var ps = conn.prepareStatement("SELECT id FROM users WHERE name = 'racer'");
             var rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        synchronized (open.relay().state().lock()) {
            open.relay().state().markAccountRemoved(id);
        }
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withPassword("racer", "racing the removal"));
            ErrorMessage why = (ErrorMessage) answer(c);
            assertThat(why.code()).isEqualTo("account_removed");
            assertThat(why.fatal()).isTrue();
            assertThat(c.awaitClosed(T)).isTrue();
            assertThat(c.closeCode()).isEqualTo(4002);
        }
        long deadline = System.nanoTime() + T.toNanos();
        long rows;
        do {
            try (var conn = open.database().pool().getConnection();
                 var ps = conn.prepareStatement("SELECT count(*) FROM presence WHERE user_name = 'racer'");
                 var rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
            }
        } while (rows > 0 && System.nanoTime() < deadline && sleep(50));
        assertThat(rows).as("the sign-in's presence claim is released").isZero();
    }

    private static boolean sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return true;
    }

    @Test
    void registerThenSignInWithPasswordThenWithTokenThenSignOutRevokesIt() throws Exception {
        String token;
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            assertThat(c.hello().registrationOpen()).isTrue();
            c.sendControl(new Register("Zoe", "correct horse battery"));
            SignedIn in = (SignedIn) answer(c);
            assertThat(in.user()).isEqualTo("Zoe");
            assertThat(in.token()).hasSizeGreaterThanOrEqualTo(40);
        }
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(new Register("zoe", "another password"));
            assertThat(((ErrorMessage) answer(c)).code()).as("names are unique case-insensitively")
                    .isEqualTo("user_exists");
            c.sendControl(SignIn.withPassword("zoe", "correct horse battery"));
            SignedIn in = (SignedIn) answer(c);
            assertThat(in.user()).as("the stored spelling").isEqualTo("Zoe");
            token = in.token();
        }
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withToken(token));
            assertThat(((SignedIn) answer(c)).user()).isEqualTo("Zoe");
            c.sendControl(new SignOut());
            assertThat(c.awaitClosed(T)).isTrue();
            assertThat(c.closeCode()).isEqualTo(1000);
        }
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withToken(token));
            assertThat(((ErrorMessage) answer(c)).code()).as("signed out: token revoked").isEqualTo("bad_credentials");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSameAndRepeatedFailuresAreThrottled() throws Exception {
        open.user("victim").close();
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withPassword("victim", "wrong password"));
            ErrorMessage wrong = (ErrorMessage) answer(c);
            c.sendControl(SignIn.withPassword("nobody-here", "wrong password"));
            ErrorMessage unknown = (ErrorMessage) answer(c);
            assertThat(wrong.code()).isEqualTo("bad_credentials");
            assertThat(unknown.code()).isEqualTo("bad_credentials");
            assertThat(unknown.message()).isEqualTo(wrong.message());
            for (int i = 0; i < 4; i++) {
                c.sendControl(SignIn.withPassword("victim", "wrong password " + i));
                answer(c);
            }
            // five failures for this name: even the right password is refused for a while
            c.sendControl(SignIn.withPassword("victim", SimulatedClient.defaultPassword("victim")));
            ErrorMessage throttled = (ErrorMessage) answer(c);
            assertThat(throttled.code()).isEqualTo("throttled");
            assertThat(throttled.fatal()).isFalse();
            assertThat(throttled.retryAfterMs()).as("until the (name, address) bucket has a token again")
                    .isBetween(60_000L, 180_000L);
        }
        // throttling is per (name, address), across connections
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(SignIn.withPassword("victim", SimulatedClient.defaultPassword("victim")));
            ErrorMessage throttled = (ErrorMessage) answer(c);
            assertThat(throttled.code()).isEqualTo("throttled");
            assertThat(throttled.fatal()).isFalse();
        }
    }

    @Test
    void aConnectionIsClosedAfterTenFailedSignIns() throws Exception {
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            List<ErrorMessage> answers = new ArrayList<>();
            for (int i = 0; i < 10 && c.isOpen(); i++) {
                // ten different names: only the per-connection allowance can close this connection
                c.sendControl(SignIn.withPassword("guess" + i, "wrong password"));
                answers.add((ErrorMessage) answer(c));
            }
            assertThat(answers).hasSize(10);
            assertThat(answers.subList(0, 9)).allSatisfy(e -> {
                assertThat(e.code()).isEqualTo("bad_credentials");
                assertThat(e.fatal()).isFalse();
            });
            ErrorMessage last = answers.get(9);
            // PROTOCOL.md: "A connection that fails 10 sign-ins is closed (fatal throttled, close 1008)"
            assertThat(last.code()).isEqualTo("throttled");
            assertThat(last.fatal()).isTrue();
            assertThat(c.awaitClosed(T)).isTrue();
            assertThat(c.closeCode()).isEqualTo(1008);
            assertThat(c.closeReason()).isEqualTo("throttled");
        }
    }

    @Test
    void closedRegistrationRefusesNewAccounts() throws Exception {
        try (SimulatedClient c = SimulatedClient.connect(closed.webSocketUri())) {
            Welcome w = c.hello();
            assertThat(w.registrationOpen()).isFalse();
            c.sendControl(new Register("newcomer", "long enough password"));
            assertThat(((ErrorMessage) answer(c)).code()).isEqualTo("registration_closed");
            c.sendControl(new Register("x", "short"));
            assertThat(((ErrorMessage) answer(c)).code()).isEqualTo("registration_closed");
        }
        try (SimulatedClient c = SimulatedClient.connect(open.webSocketUri())) {
            c.hello();
            c.sendControl(new Register("weakling", "short"));
            assertThat(((ErrorMessage) answer(c)).code()).isEqualTo("weak_password");
        }
    }
}
