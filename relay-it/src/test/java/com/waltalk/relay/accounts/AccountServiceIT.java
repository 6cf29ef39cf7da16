package com.waltalk.relay.accounts;

import com.waltalk.testing.TestDatabase;
import com.waltalk.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.UserNames;
import com.waltalk.relay.accounts.SignInResult.Failure;
import com.waltalk.relay.accounts.SignInResult.Success;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration, sign-in, resume and sign-out as the session layer sees them. */
class AccountServiceIT {

    private static final String PASSWORD = "open sesame 42";

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static MutableClock clock;
    private static AtomicLong nanos;
    private static AccountService service;

    @BeforeAll
    static void open() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
        nanos = new AtomicLong();
        service = new AccountService(new AccountStore(db.pool()), new TokenService(db.pool(), Duration.ofDays(30), clock),
                new PasswordHasher(4), new PasswordPolicy(), new SignInThrottle(nanos::get));
    }

    private static char[] pw(String s) {
        return s.toCharArray();
    }

    private static Success register(String name) throws Exception {
        return (Success) service.register(name, pw(PASSWORD), true);
    }

    @Test
    void registrationCreatesTheAccountSignsItInAndWipesThePassword() throws Exception {
        char[] password = pw(PASSWORD);
        SignInResult result = service.register("Olga", password, true);

        assertThat(result).isInstanceOfSatisfying(Success.class, s -> {
            assertThat(s.account().name()).isEqualTo("Olga");
            assertThat(s.account().passwordHash()).startsWith("$2a$04$");
            assertThat(s.token().token()).hasSize(43);
        });
        assertThat(password).containsOnly('\0');
        Success again = (Success) service.signIn("olga", pw(PASSWORD), new ConnectionAttempts());
        assertThat(again.account().name()).isEqualTo("Olga");
    }

    @Test
    void registrationFailuresCarryTheProtocolCodes() throws Exception {
        register("pia");
        char[] password = pw(PASSWORD);

        assertThat(service.register("newbie", password, false)).isEqualTo(
                new Failure(ErrorCode.REGISTRATION_CLOSED, "this relay does not accept new registrations"));
        assertThat(password).containsOnly('\0');
        assertThat(service.register("PIA", pw(PASSWORD), true))
                .isEqualTo(new Failure(ErrorCode.USER_EXISTS, "user name 'PIA' is not available"));
        assertThat(service.register("bad name", pw(PASSWORD), true)).isEqualTo(new Failure(ErrorCode.BAD_USER_NAME, UserNames.RULES));
        assertThat(service.register("q", pw("short"), true))
                .isEqualTo(new Failure(ErrorCode.WEAK_PASSWORD, "password must have at least 8 characters"));
        assertThat(service.register("quentin00", pw("QUENTIN00"), true))
                .isEqualTo(new Failure(ErrorCode.WEAK_PASSWORD, "password must not be the user name"));
        assertThat(service.register("quentin00", pw("x".repeat(201)), true))
                .isEqualTo(new Failure(ErrorCode.WEAK_PASSWORD, "password must have at most 200 characters"));
    }

    @Test
    void wrongPasswordAndUnknownUserAreIndistinguishable() throws Exception {
        register("rex");
        ConnectionAttempts attempts = new ConnectionAttempts();
        char[] wrong = pw("not the password");

        SignInResult wrongPassword = service.signIn("rex", wrong, attempts);
        SignInResult unknownUser = service.signIn("rexx", pw("not the password"), attempts);
        SignInResult malformedName = service.signIn("r e x", pw("not the password"), attempts);

        assertThat(wrongPassword).isEqualTo(new Failure(ErrorCode.BAD_CREDENTIALS, "wrong user name or password", null));
        assertThat(unknownUser).isEqualTo(wrongPassword);
        assertThat(malformedName).isEqualTo(wrongPassword);
        assertThat(wrong).containsOnly('\0');
        assertThat(attempts.failures()).isEqualTo(3);
    }

    @Test
    void throttlingFollowsTheUserNameAcrossConnections() throws Exception {
        register("sam");
        for (int i = 0; i < 5; i++) {
            assertThat(service.signIn(i % 2 == 0 ? "sam" : "SAM", pw("guess " + i), new ConnectionAttempts()))
                    .extracting(r -> ((Failure) r).code()).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        }

        SignInResult throttled = service.signIn("sam", pw(PASSWORD), new ConnectionAttempts());
        assertThat(throttled).isEqualTo(new Failure(ErrorCode.THROTTLED,
                "too many failed sign-ins for this user name; try again in 1 s", 1000L));
        // unknown names are throttled the same way, so throttling does not reveal which names exist
        for (int i = 0; i < 5; i++) {
            service.signIn("nobody", pw("guess " + i), new ConnectionAttempts());
        }
        assertThat(service.signIn("nobody", pw("guess"), new ConnectionAttempts()))
                .extracting(r -> ((Failure) r).code()).isEqualTo(ErrorCode.THROTTLED);

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(service.signIn("sam", pw(PASSWORD), new ConnectionAttempts())).isInstanceOf(Success.class);
        assertThat(service.signIn("sam", pw("wrong again"), new ConnectionAttempts()))
                .extracting(r -> ((Failure) r).code()).as("success reset the count").isEqualTo(ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void aConnectionGetsTenFailedSignInsThenNothingIsChecked() throws Exception {
        register("tia");
        ConnectionAttempts attempts = new ConnectionAttempts();
        for (int i = 0; i < 10; i++) {
            assertThat(attempts.exhausted()).isFalse();
            service.signIn("stranger" + i, pw("whatever1"), attempts);
        }
        assertThat(attempts.exhausted()).isTrue();

        assertThat(service.signIn("tia", pw(PASSWORD), attempts))
                .isEqualTo(new Failure(ErrorCode.THROTTLED, "too many failed sign-ins on this connection", null));
        assertThat(service.resume(register("tia2").token().token(), attempts)).isInstanceOf(Failure.class);
    }

    @Test
    void resumeReturnsTheSameTokenAndSignOutEndsIt() throws Exception {
        Success registered = register("uma");
        clock.advance(Duration.ofHours(1));

        SignInResult resumed = service.resume(registered.token().token(), new ConnectionAttempts());

        assertThat(resumed).isInstanceOfSatisfying(Success.class, s -> {
            assertThat(s.account()).isEqualTo(registered.account());
            assertThat(s.token()).isEqualTo(registered.token());
        });
        service.signOut(registered.token().token());
        assertThat(service.resume(registered.token().token(), new ConnectionAttempts()))
                .isEqualTo(new Failure(ErrorCode.BAD_CREDENTIALS, "the sign-in token is invalid or has expired"));
        service.signOut(registered.token().token());
        service.signOut("garbage");
    }

    @Test
    void expiredAndUnknownTokensGetTheSameFailure() throws Exception {
        Success registered = register("val");
        ConnectionAttempts attempts = new ConnectionAttempts();
        clock.advance(Duration.ofDays(31));

        SignInResult expired = service.resume(registered.token().token(), attempts);
        SignInResult unknown = service.resume("A".repeat(43), attempts);

        assertThat(expired).isInstanceOf(Failure.class).isEqualTo(unknown);
        assertThat(attempts.failures()).isEqualTo(2);
    }
}
