package com.waltalk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.relay.bench.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call transition, the races, and media authorization, against a real relay and database.
 * Both parties learn each transition through the replication stream.
 */
class CallsTest {

    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    static Relay relay;

    @BeforeAll
    static void startRelay() throws Exception {
        relay = Relay.start(RelaySettings.forLoopback(dataDir.resolve("pg"), "calls_test")
                .withTimeouts(RelaySettings.Timeouts.DEFAULT.withRingTimeout(Duration.ofSeconds(3))));
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private static SimulatedClient user(String name) throws Exception {
        return SimulatedClient.signIn(relay.webSocketUri(), name);
    }

    private static CallUpdate awaitState(SimulatedClient c, long callId, String state) throws Exception {
        return c.awaitControl(CallUpdate.class, u -> u.callId() == callId && state.equals(u.state()), T);
    }

    private static CallUpdate awaitRinging(SimulatedClient c, String callee) throws Exception {
        return c.awaitControl(CallUpdate.class, u -> "ringing".equals(u.state()) && u.callee().equals(callee), T);
    }

    @Test
    void acceptThenHangupEndsTheCallAndLeavesHistoryWithDuration() throws Exception {
        try (SimulatedClient alice = user("a1"); SimulatedClient bob = user("b1")) {
            alice.sendControl(new CallStart("b1"));
            long id = awaitRinging(bob, "b1").callId();
            awaitRinging(alice, "b1");
            bob.sendControl(new CallAccept(id));
            awaitState(alice, id, "accepted");
            CallUpdate accepted = awaitState(bob, id, "accepted");
            assertThat(accepted.answeredAtMicros()).isNotNull();
            Thread.sleep(300);
            alice.sendControl(new CallHangup(id));
            CallUpdate ended = awaitState(bob, id, "ended");
            awaitState(alice, id, "ended");
            assertThat(ended.endedBy()).isEqualTo("a1");
            assertThat(ended.endedAtMicros() - ended.answeredAtMicros()).isGreaterThanOrEqualTo(250_000);
        }
        try (SimulatedClient bobAgain = user("b1")) {
            CallHistory history = bobAgain.awaitControl(CallHistory.class, h -> true, T);
            assertThat(history.calls()).anySatisfy(c -> {
                assertThat(c.caller()).isEqualTo("a1");
                assertThat(c.state()).isEqualTo("ended");
                assertThat(c.answeredAtMicros()).isNotNull();
            });
        }
    }

    @Test
    void declineCancelMissedAndBusy() throws Exception {
        try (SimulatedClient alice = user("a2"); SimulatedClient bob = user("b2"); SimulatedClient carol = user("c2")) {
            // declined
            alice.sendControl(new CallStart("b2"));
            long declined = awaitRinging(bob, "b2").callId();
            bob.sendControl(new CallDecline(declined));
            assertThat(awaitState(alice, declined, "declined").endedBy()).isEqualTo("b2");

            // cancelled: the caller hangs up while ringing
            alice.sendControl(new CallStart("b2"));
            long cancelled = awaitRinging(bob, "b2").callId();
            alice.sendControl(new CallHangup(cancelled));
            awaitState(bob, cancelled, "cancelled");

            // missed: nobody answers within the ring timeout (3 s here)
            alice.sendControl(new CallStart("b2"));
            long missed = awaitRinging(bob, "b2").callId();
            awaitState(alice, missed, "missed");
            awaitState(bob, missed, "missed");

            // busy: bob is in a call with alice when carol calls
            long call = SimulatedClient.establishCall(alice, bob);
            carol.sendControl(new CallStart("b2"));
            CallUpdate busy = carol.awaitControl(CallUpdate.class, u -> "busy".equals(u.state()), T);
            assertThat(busy.callee()).isEqualTo("b2");
            bob.awaitControl(CallUpdate.class, u -> u.callId() == busy.callId() && "busy".equals(u.state()), T);
            // and the established call is untouched
            alice.sendControl(new CallHangup(call));
            awaitState(bob, call, "ended");
        }
    }

    @Test
    void callingAnOfflineUserIsMissedAtOnceAndAnUnknownOneRefused() throws Exception {
        try (SimulatedClient gone = user("gone3")) {
            gone.sendControl(new com.waltalk.protocol.control.Ping(1));
        }
        try (SimulatedClient alice = user("a3")) {
            alice.sendControl(new CallStart("gone3"));
            alice.awaitControl(CallUpdate.class, u -> "missed".equals(u.state()) && u.callee().equals("gone3"), T);
            alice.sendControl(new CallStart("nobody-at-all"));
            assertThat(alice.nextError(T).code()).isEqualTo("unknown_peer");
            alice.sendControl(new CallStart("a3"));
            assertThat(alice.nextError(T).code()).isEqualTo("bad_field");
        }
    }

    @Test
    void onlyTheCalleeMayAcceptAndStrangersCannotTouchACall() throws Exception {
        try (SimulatedClient alice = user("a4"); SimulatedClient bob = user("b4"); SimulatedClient mallory = user("m4")) {
            alice.sendControl(new CallStart("b4"));
            long id = awaitRinging(bob, "b4").callId();
            alice.sendControl(new CallAccept(id));
            assertThat(alice.nextError(T).code()).isEqualTo("bad_call_state");
            mallory.sendControl(new CallAccept(id));
            assertThat(mallory.nextError(T).code()).isEqualTo("unknown_call");
            mallory.sendControl(new CallHangup(id));
            assertThat(mallory.nextError(T).code()).isEqualTo("unknown_call");
            bob.sendControl(new CallAccept(id));
            awaitState(alice, id, "accepted");
            alice.sendControl(new CallHangup(id));
            awaitState(bob, id, "ended");
            assertThat(eventualState(id, "ended")).isEqualTo("ended");
        }
    }

    @Test
    void racingAcceptAndCancelNeverBothWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SimulatedClient alice = user("a5"); SimulatedClient bob = user("b5")) {
            int refusals = 0;
            for (int round = 0; round < 15; round++) {
                alice.sendControl(new CallStart("b5"));
                long id = awaitRinging(bob, "b5").callId();
                CountDownLatch go = new CountDownLatch(1);
                pool.submit(() -> {
                    go.await();
                    bob.sendControl(new CallAccept(id));
                    return null;
                });
                pool.submit(() -> {
                    go.await();
                    alice.sendControl(new CallHangup(id));
                    return null;
                });
                go.countDown();
                // the outcome is either "cancelled" (hang-up first: the accept is refused) or "accepted" then
                // "ended" (accept first: the hang-up ends it) — never an accepted call left standing
                CallUpdate last = alice.awaitControl(CallUpdate.class,
                        u -> u.callId() == id && ("cancelled".equals(u.state()) || "ended".equals(u.state())), T);
                awaitState(bob, id, last.state());
                // the stream can deliver a commit a moment before a new snapshot sees it: allow for that
                assertThat(eventualState(id, last.state())).isEqualTo(last.state());
                if ("cancelled".equals(last.state())) {
                    long deadline = System.nanoTime() + T.toNanos();
                    while (bob.errorsSeen().size() <= refusals && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertThat(bob.errorsSeen()).hasSize(refusals + 1);
                    assertThat(bob.errorsSeen().get(refusals).code()).isEqualTo("bad_call_state");
                    refusals++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bothCallingEachOtherAtOnceConnectsExactlyOneCall() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SimulatedClient alice = user("a6"); SimulatedClient bob = user("b6")) {
            for (int round = 0; round < 10; round++) {
                CountDownLatch go = new CountDownLatch(1);
                pool.submit(() -> {
                    go.await();
                    alice.sendControl(new CallStart("b6"));
                    return null;
                });
                pool.submit(() -> {
                    go.await();
                    bob.sendControl(new CallStart("a6"));
                    return null;
                });
                go.countDown();
                // the second request finds the first ringing towards its sender and accepts it
                CallUpdate accepted = alice.awaitControl(CallUpdate.class, u -> "accepted".equals(u.state()), T);
                awaitState(bob, accepted.callId(), "accepted");
                assertThat(countActive("a6")).isEqualTo(1);
                assertThat(alice.errorsSeen()).isEmpty();
                assertThat(bob.errorsSeen()).isEmpty();
                alice.sendControl(new CallHangup(accepted.callId()));
                awaitState(alice, accepted.callId(), "ended");
                awaitState(bob, accepted.callId(), "ended");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mediaFlowsOnlyInsideAnAcceptedCallBetweenItsPartiesAndStopsWhenItEnds() throws Exception {
        try (SimulatedClient alice = user("a7"); SimulatedClient bob = user("b7"); SimulatedClient mallory = user("m7")) {
            alice.sendControl(new CallStart("b7"));
            long id = awaitRinging(bob, "b7").callId();
            // while ringing: refused
            alice.sendMedia(TestMedia.video(id, 0, "b7"), ByteBuffer.wrap(TestMedia.jpeg(2000, 1)));
            assertThat(alice.nextError(T).code()).isEqualTo("not_in_call");
            bob.sendControl(new CallAccept(id));
            awaitState(alice, id, "accepted");
            awaitState(bob, id, "accepted");

            // a third party cannot inject into the call, nor address a party through it
            mallory.sendMedia(TestMedia.video(id, 0, "b7"), ByteBuffer.wrap(TestMedia.jpeg(2000, 2)));
            assertThat(mallory.nextError(T).code()).isEqualTo("not_in_call");
            // a party cannot use the call to reach someone else
            alice.sendMedia(TestMedia.video(id, 1, "m7"), ByteBuffer.wrap(TestMedia.jpeg(2000, 3)));
            assertThat(mallory.nextMedia(Duration.ofMillis(500))).isNull();
            assertThat(rowsFrom("m7")).isZero();

            // in the call: delivered, stamped
            byte[] jpeg = TestMedia.jpeg(20_000, 4);
            alice.sendMedia(TestMedia.video(id, 2, "b7"), ByteBuffer.wrap(jpeg));
            var got = bob.nextMedia(T);
            assertThat(got.frame().header().peer()).isEqualTo("a7");
            assertThat(TestMedia.bytes(got.frame().payload())).isEqualTo(jpeg);

            // media state reaches the peer through the call row
            alice.sendControl(new MediaState(id, false, true));
            CallUpdate cameraOff = bob.awaitControl(CallUpdate.class,
                    u -> u.callId() == id && !u.callerMedia().videoOn(), T);
            assertThat(cameraOff.callerMedia().audioOn()).isTrue();

            // after the hang-up nothing more is delivered, even frames sent right behind it
            bob.onMedia(r -> lateFrames.incrementAndGet());
            alice.sendControl(new CallHangup(id));
            for (int i = 0; i < 10; i++) {
                alice.sendMedia(TestMedia.video(id, 3 + i, "b7"), ByteBuffer.wrap(TestMedia.jpeg(2000, i)));
            }
            awaitState(bob, id, "ended");
            Thread.sleep(500);
            long before = lateFrames.get();
            for (int i = 0; i < 5; i++) {
                alice.sendMedia(TestMedia.video(id, 20 + i, "b7"), ByteBuffer.wrap(TestMedia.jpeg(2000, i)));
            }
            Thread.sleep(500);
            assertThat(lateFrames.get()).as("frames after the end was seen").isEqualTo(before);
            assertThat(relay.fanout().outsideCall() + relay.controller().framesRejected()).isPositive();
        }
    }

    private final java.util.concurrent.atomic.AtomicLong lateFrames = new java.util.concurrent.atomic.AtomicLong();

    private static String eventualState(long callId, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        String state = state(callId);
        while (!expected.equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            state = state(callId);
        }
        return state;
    }

    private static String state(long callId) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT state FROM calls WHERE id = ?")) {
            ps.setLong(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long countActive(String user) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM calls WHERE state IN ('ringing', 'accepted') "
                     + "AND (caller = ? OR callee = ?)")) {
            ps.setString(1, user);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long rowsFrom(String sender) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM video_frames WHERE sender = ? OR recipient = ?")) {
            ps.setString(1, sender);
            ps.setString(2, sender);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
