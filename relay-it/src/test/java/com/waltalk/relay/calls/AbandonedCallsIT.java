package com.waltalk.relay.calls;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconnect grace period (PROTOCOL.md, "Disconnection"): a party whose connection drops may come back
 * and carry on with the same call; after the grace period the relay ends the call on the absent party's
 * behalf — {@code accepted} → {@code ended}, {@code ringing} → {@code cancelled} (caller gone) or
 * {@code missed} (callee gone), {@code endedBy} = the absent party. Here the grace is 2 s (default 15 s) and
 * housekeeping runs every 250 ms; the ring timeout keeps its 30 s default, far beyond.
 */
class AbandonedCallsIT {

    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("abandoned_calls")
            .withTimeouts(RelaySettings.Timeouts.DEFAULT.withReconnectGrace(GRACE)
                    .withLease(Duration.ofMillis(250), Duration.ofSeconds(10)));

    private static CallUpdate awaitState(SimulatedClient c, long callId, CallState state) throws Exception {
        return c.awaitControl(CallUpdate.class, u -> u.callId() == callId && u.state() == state, T);
    }

    private static long ring(SimulatedClient caller, SimulatedClient callee) throws Exception {
        String name = callee.signedIn().user();
        caller.sendControl(new CallStart(name));
        long id = callee.awaitControl(CallUpdate.class, u -> u.state() == CallState.RINGING && name.equals(u.callee()), T)
                .callId();
        awaitState(caller, id, CallState.RINGING);
        return id;
    }

    /** Drops {@code gone}'s connection; returns the final update {@code stays} gets, after the grace period. */
    private static CallUpdate disconnectAndAwait(SimulatedClient gone, SimulatedClient stays, long id, CallState state)
            throws Exception {
        long start = System.nanoTime();
        gone.close();
        CallUpdate end = awaitState(stays, id, state);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("ended after the grace period, not before").isGreaterThanOrEqualTo(GRACE);
        assertThat(took).as("and soon after it").isLessThan(GRACE.plusSeconds(3));
        return end;
    }

    @Test
    void anAcceptedCallWhosePartyStaysAwayIsEndedByThatParty() throws Exception {
        try (SimulatedClient alice = relay.user("ga1"); SimulatedClient bob = relay.user("gb1")) {
            long id = SimulatedClient.establishCall(alice, bob);
            CallUpdate end = disconnectAndAwait(bob, alice, id, CallState.ENDED);
            assertThat(end.endedBy()).isEqualTo("gb1");
            assertThat(end.answeredAtMicros()).isNotNull();
            alice.awaitStatus("gb1", "offline", T);
        }
    }

    @Test
    void aRingingCallWhoseCallerStaysAwayIsCancelled() throws Exception {
        try (SimulatedClient alice = relay.user("ga2"); SimulatedClient bob = relay.user("gb2")) {
            long id = ring(alice, bob);
            CallUpdate end = disconnectAndAwait(alice, bob, id, CallState.CANCELLED);
            assertThat(end.endedBy()).isEqualTo("ga2");
            assertThat(end.answeredAtMicros()).isNull();
        }
    }

    @Test
    void aRingingCallWhoseCalleeStaysAwayIsMissed() throws Exception {
        try (SimulatedClient alice = relay.user("ga3"); SimulatedClient bob = relay.user("gb3")) {
            long id = ring(alice, bob);
            CallUpdate end = disconnectAndAwait(bob, alice, id, CallState.MISSED);
            assertThat(end.endedBy()).isEqualTo("gb3");
            assertThat(end.answeredAtMicros()).isNull();
        }
    }

    @Test
    void aPartyBackWithinTheGracePeriodCarriesOnWithTheSameCall() throws Exception {
        try (SimulatedClient alice = relay.user("ga4"); SimulatedClient bob = relay.user("gb4")) {
            long id = SimulatedClient.establishCall(alice, bob);
            String token = bob.signedIn().token();
            bob.close();
            alice.awaitStatus("gb4", "offline", T);
            Thread.sleep(GRACE.toMillis() / 2);
            try (SimulatedClient bobAgain = SimulatedClient.resume(relay.webSocketUri(), token)) {
                assertThat(bobAgain.acceptedCallFromHistory()).as("the call in bob's history").isEqualTo(id);
                // well past the grace period counted from the drop: still going
                Thread.sleep(GRACE.toMillis() + 1_000);
                assertThat(relay.relay().state().activeCall(id)).isNotNull();
                assertThat(relay.relay().state().activeCall(id).accepted()).isTrue();
                // media resumes with the same call id
                byte[] jpeg = TestMedia.jpeg(5_000, 1);
                alice.sendMedia(TestMedia.video(id, 1, "gb4"), ByteBuffer.wrap(jpeg));
                assertThat(TestMedia.bytes(bobAgain.nextMedia(T).frame().payload())).isEqualTo(jpeg);
                bobAgain.sendControl(new CallHangup(id));
                assertThat(awaitState(alice, id, CallState.ENDED).endedBy()).isEqualTo("gb4");
            }
        }
    }
}
