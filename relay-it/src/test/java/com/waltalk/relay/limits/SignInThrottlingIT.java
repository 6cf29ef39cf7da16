package com.waltalk.relay.limits;

import static com.waltalk.relay.limits.TwoRelays.outcome;
import static com.waltalk.relay.limits.TwoRelays.register;
import static com.waltalk.relay.limits.TwoRelays.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.testing.SimulatedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password sign-ins are throttled per (user name, source address), per address and per name from unknown
 * addresses, in the database: an attacker guessing from one address locks only themselves out, on every
 * relay, while the owner signs in from elsewhere.
 */
class SignInThrottlingIT {

    private static final String WRONG = "not the password at all";
    private static TwoRelays relays;

    @BeforeAll
    static void start() throws Exception {
        // the shipped sign-in limits, but a small account-wide ceiling so the test can reach it
        LimitSettings limits = LimitSettings.UNLIMITED
                .with(Limit.SIGN_IN_PAIR, Limit.SIGN_IN_PAIR.defaultRate())
                .with(Limit.SIGN_IN_ADDRESS, Limit.SIGN_IN_ADDRESS.defaultRate())
                .with(Limit.SIGN_IN_ACCOUNT, Rate.parse("8/1h"));
        relays = TwoRelays.start("signin", limits);
    }

    @AfterAll
    static void stop() {
        relays.close();
    }

    private static String password(String user) {
        return SimulatedClient.defaultPassword(user);
    }

    @Test
    void anAttackerTricklingWrongPasswordsFromOneAddressDoesNotLockTheOwnerOutFromAnother() throws Exception {
        assertThat(outcome(register(relays.a, "127.0.0.2", "owner", null))).isEqualTo("signed_in");
        for (int i = 0; i < 7; i++) {
            signIn(relays.a, "127.0.0.1", "owner", WRONG + i);
        }
        ControlMessage attacker = signIn(relays.a, "127.0.0.1", "owner", WRONG);
        assertThat(outcome(attacker)).as("the guesser's own address is throttled").isEqualTo("throttled");
        assertThat(((ErrorMessage) attacker).retryAfterMs()).isPositive();
        // the owner, at home, on the same relay, with the right password, while the attack goes on
        assertThat(outcome(signIn(relays.a, "127.0.0.2", "owner", password("owner")))).isEqualTo("signed_in");
        assertThat(outcome(signIn(relays.a, "127.0.0.1", "owner", WRONG))).isEqualTo("throttled");
        assertThat(outcome(signIn(relays.a, "127.0.0.2", "owner", password("owner")))).isEqualTo("signed_in");
    }

    @Test
    void theGuessersBucketHoldsOnEveryRelayEvenForTheRightPassword() throws Exception {
        assertThat(outcome(register(relays.a, "127.0.1.2", "victim", null))).isEqualTo("signed_in");
        for (int i = 0; i < 5; i++) {
            assertThat(outcome(signIn(relays.a, "127.0.1.1", "victim", WRONG + i))).isEqualTo("bad_credentials");
        }
        // the same guesser moves to the other relay, and this time guesses right: still throttled
        assertThat(outcome(signIn(relays.b, "127.0.1.1", "victim", password("victim")))).isEqualTo("throttled");
        assertThat(outcome(signIn(relays.b, "127.0.1.2", "victim", password("victim")))).isEqualTo("signed_in");
    }

    @Test
    void aGuessSpreadOverManyAddressesIsSlowedForTheNameButTheOwnersKnownAddressGetsIn() throws Exception {
        assertThat(outcome(register(relays.a, "127.0.2.2", "target", null))).isEqualTo("signed_in");
        // the owner has signed in from home before: that address is known
        assertThat(outcome(signIn(relays.b, "127.0.2.2", "target", password("target")))).isEqualTo("signed_in");
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            // a botnet: every guess from another address, alternating relays
            String outcome = outcome(signIn(i % 2 == 0 ? relays.a : relays.b, "127.0.3." + (10 + i), "target", WRONG));
            refused += outcome.equals("throttled") ? 1 : 0;
        }
        assertThat(refused).as("8 guesses per hour for the name from unknown addresses").isEqualTo(2);
        assertThat(outcome(signIn(relays.a, "127.0.3.99", "target", password("target"))))
                .as("even the right password, from an address never used for this account").isEqualTo("throttled");
        assertThat(outcome(signIn(relays.b, "127.0.2.2", "target", password("target"))))
                .as("the owner from a known address").isEqualTo("signed_in");
    }

    @Test
    void oneAddressGuessingManyNamesIsThrottledAcrossNames() throws Exception {
        int refused = 0;
        int first = -1;
        java.util.List<String> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String outcome = outcome(signIn(i % 2 == 0 ? relays.a : relays.b, "127.0.4.1", "nobody" + i, WRONG));
            outcomes.add(outcome);
            if (outcome.equals("throttled")) {
                refused++;
                first = first < 0 ? i : first;
            }
        }
        assertThat(first).as("the address's burst of 30, whatever the names: " + outcomes).isEqualTo(30);
        assertThat(refused).isEqualTo(2);
        assertThat(outcome(signIn(relays.a, "127.0.4.2", "nobody0", WRONG))).isEqualTo("bad_credentials");
    }
}
