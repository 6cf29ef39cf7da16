package com.waltalk.relay.limits;

import static com.waltalk.relay.limits.TwoRelays.T;
import static com.waltalk.relay.limits.TwoRelays.outcome;
import static com.waltalk.relay.limits.TwoRelays.register;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.testing.SimulatedClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Who may register: a few accounts per address per hour on every relay together; invitation-only registration. */
class RegistrationLimitsIT {

    @Test
    void anAddressRegistersFiveAccountsAnHourAcrossAllRelays() throws Exception {
        try (TwoRelays relays = TwoRelays.start("reg_open",
                LimitSettings.UNLIMITED.with(Limit.REGISTRATIONS, Limit.REGISTRATIONS.defaultRate()))) {
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                outcomes.add(outcome(register(i % 2 == 0 ? relays.a : relays.b, "127.0.5.1", "bulk" + i, null)));
            }
            assertThat(outcomes).containsOnly("signed_in");
            ControlMessage sixth = register(relays.b, "127.0.5.1", "bulk5", null);
            assertThat(outcome(sixth)).isEqualTo("rate_limited");
            assertThat(((ErrorMessage) sixth).retryAfterMs()).as("one registration back every 12 minutes")
                    .isBetween(11 * 60_000L, 12 * 60_000L);
            assertThat(((ErrorMessage) sixth).fatal()).isFalse();
            assertThat(outcome(register(relays.a, "127.0.5.2", "elsewhere", null)))
                    .as("another address").isEqualTo("signed_in");
            // a typo (a weak password) gives its registration back: it created nothing
            try (SimulatedClient c = TwoRelays.greeted(relays.a, "127.0.5.3")) {
                for (int i = 0; i < 6; i++) {
                    assertThat(outcome(TwoRelays.answer(c, new com.waltalk.protocol.control.Register("typo" + i, "short"))))
                            .isEqualTo("weak_password");
                }
            }
            assertThat(outcome(register(relays.a, "127.0.5.3", "typo", null))).isEqualTo("signed_in");
        }
    }

    @Test
    void anInvitationOnlyRelaySaysSoAndAdmitsExactlyTheCodesUses() throws Exception {
        try (TwoRelays relays = TwoRelays.start("reg_invite", LimitSettings.UNLIMITED.withInviteRequired(true))) {
            try (SimulatedClient c = SimulatedClient.connect(relays.a.webSocketUri())) {
                c.sendControl(new Hello(ProtocolVersion.CURRENT, "limits-it"));
                Welcome w = c.awaitControl(Welcome.class, x -> true, T);
                assertThat(w.registrationOpen()).isTrue();
                assertThat(w.inviteRequired()).isTrue();
            }
            ControlMessage none = register(relays.a, "127.0.6.1", "uninvited", null);
            assertThat(outcome(none)).isEqualTo("invite_required");
            assertThat(outcome(register(relays.a, "127.0.6.1", "guesser", "not-a-code"))).isEqualTo("invite_required");

            InviteStore invites = new InviteStore(relays.a.database().pool());
            String single = invites.create(1, Instant.now().plus(7, ChronoUnit.DAYS)).code();
            assertThat(outcome(register(relays.b, "127.0.6.2", "invited", single))).isEqualTo("signed_in");
            assertThat(outcome(register(relays.a, "127.0.6.3", "second", single))).as("single use").isEqualTo("invite_required");

            String expired = invites.create(5, Instant.now().minusSeconds(1)).code();
            assertThat(outcome(register(relays.a, "127.0.6.4", "late", expired))).isEqualTo("invite_required");

            InviteStore.Created revoked = invites.create(5, null);
            assertThat(invites.revoke(revoked.id())).isTrue();
            assertThat(outcome(register(relays.a, "127.0.6.5", "revoked", revoked.code()))).isEqualTo("invite_required");

            // a taken name does not use up the code: the invite is consumed in the account insert's transaction
            String twice = invites.create(2, null).code();
            assertThat(outcome(register(relays.a, "127.0.6.6", "invited", twice))).isEqualTo("user_exists");
            assertThat(invites.list()).filteredOn(i -> i.usesLeft() == 2).hasSize(1);

            // ten registrations race on both relays for a code with three uses: exactly three get in
            String three = invites.create(3, null).code();
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Future<String>> racers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    racers.add(pool.submit(() -> outcome(register(n % 2 == 0 ? relays.a : relays.b,
                            "127.0.7." + (n + 1), "racer" + n, three))));
                }
                List<String> outcomes = new ArrayList<>();
                for (Future<String> f : racers) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).filteredOn("signed_in"::equals).hasSize(3);
                assertThat(outcomes).filteredOn("invite_required"::equals).hasSize(7);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClosedRelayStillSaysRegistrationClosed() throws Exception {
        try (TwoRelays relays = TwoRelays.start("reg_closed", s -> s.withRegistration(false))) {
            assertThat(outcome(register(relays.a, "127.0.8.1", "nobody", null))).isEqualTo("registration_closed");
        }
    }
}
