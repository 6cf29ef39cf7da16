package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.testing.SimulatedClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chat and ring limits per account, in the database: they hold across a user's connections and relays, and
 * many senders together cannot flood one recipient. The limits are checked before the store, so the
 * answers counted here are the {@code rate_limited} ones (the store's own answers do not matter).
 */
class ChatAndRingLimitsIT {

    private static TwoRelays relays;

    @BeforeAll
    static void start() throws Exception {
        relays = TwoRelays.start("chatring", LimitSettings.UNLIMITED
                .with(Limit.CHAT_RECEIVED, Rate.parse("10/1h"))
                .with(Limit.CHAT_SENT, Rate.parse("8/1h"))
                .with(Limit.RINGS_PER_CALLEE, Limit.RINGS_PER_CALLEE.defaultRate())
                .with(Limit.RINGS, Rate.parse("6/1h")));
    }

    @AfterAll
    static void stop() {
        relays.close();
    }

    private static List<ErrorMessage> rateLimited(SimulatedClient c, int atLeast) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<ErrorMessage> seen;
        do {
            seen = c.errorsSeen().stream().filter(e -> e.code().equals("rate_limited")).toList();
            if (seen.size() >= atLeast) {
                Thread.sleep(300); // and no more than that
                return c.errorsSeen().stream().filter(e -> e.code().equals("rate_limited")).toList();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        return seen;
    }

    @Test
    void manySendersTogetherCannotFloodOneRecipient() throws Exception {
        List<SimulatedClient> senders = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                senders.add(SimulatedClient.signIn((i % 2 == 0 ? relays.a : relays.b).webSocketUri(), "fan" + i));
            }
            for (SimulatedClient s : senders) {
                for (int m = 0; m < 5; m++) {
                    s.sendChat("star", "hello " + m, UUID.randomUUID().toString());
                }
            }
            int refused = 0;
            for (SimulatedClient s : senders) {
                List<ErrorMessage> limited = rateLimited(s, 0);
                refused += limited.size();
                assertThat(limited).allSatisfy(e -> {
                    assertThat(e.message()).contains("received");
                    assertThat(e.retryAfterMs()).isPositive();
                    assertThat(e.fatal()).isFalse();
                });
            }
            Thread.sleep(500);
            refused = senders.stream().mapToInt(s -> (int) s.errorsSeen().stream()
                    .filter(e -> e.code().equals("rate_limited")).count()).sum();
            assertThat(refused).as("30 messages to one recipient from 6 accounts on 2 relays, 10 allowed").isEqualTo(20);
        } finally {
            senders.forEach(SimulatedClient::close);
        }
    }

    @Test
    void aSendersLimitHoldsAcrossItsConnectionsAndRelays() throws Exception {
        try (SimulatedClient first = SimulatedClient.signIn(relays.a.webSocketUri(), "chatty")) {
            for (int m = 0; m < 6; m++) {
                first.sendChat("friend" + m, "hi", UUID.randomUUID().toString());
            }
            assertThat(rateLimited(first, 0)).isEmpty();
        }
        try (SimulatedClient second = SimulatedClient.signIn(relays.b.webSocketUri(), "chatty")) {
            for (int m = 0; m < 6; m++) {
                second.sendChat("other" + m, "hi again", UUID.randomUUID().toString());
            }
            List<ErrorMessage> limited = rateLimited(second, 4);
            assertThat(limited).hasSize(4);
            assertThat(limited.get(0).message()).contains("chat messages sent per account");
        }
    }

    @Test
    void aCallerRingsOneCalleeThreeTimesAMinuteAndAnyoneSixTimesAnHour() throws Exception {
        try (SimulatedClient caller = SimulatedClient.signIn(relays.a.webSocketUri(), "ringer")) {
            for (int i = 0; i < 5; i++) {
                caller.sendControl(new CallStart("ringee"));
            }
            List<ErrorMessage> limited = rateLimited(caller, 2);
            assertThat(limited).hasSize(2);
            assertThat(limited.get(0).message()).contains("same callee");
            assertThat(limited.get(0).retryAfterMs()).isBetween(1L, 60_000L);
        }
        try (SimulatedClient caller = SimulatedClient.signIn(relays.b.webSocketUri(), "dialer")) {
            for (int i = 0; i < 8; i++) {
                caller.sendControl(new CallStart("someone" + i));
            }
            List<ErrorMessage> limited = rateLimited(caller, 2);
            assertThat(limited).hasSize(2);
            assertThat(limited.get(0).message()).contains("calls started per caller");
        }
    }
}
