package com.waltalk.relay.calls;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every call transition, the races, and media authorization, against a real relay and database.
 * Both parties learn each transition through the replication stream.
 */
class CallsIT {

    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("calls_test")
            .withTimeouts(RelaySettings.Timeouts.DEFAULT.withRingTimeout(Duration.ofSeconds(3)));

    private static CallUpdate awaitState(SimulatedClient c, long callId, CallState state) throws Exception {
        return c.awaitControl(CallUpdate.class, u -> u.callId() == callId && u.state() == state, T);
    }

    private static CallUpdate awaitRinging(SimulatedClient c, String callee) throws Exception {
        return c.awaitControl(CallUpdate.class, u -> u.state() == CallState.RINGING && u.callee().equals(callee), T);
    }

    @Test
    void acceptThenHangupEndsTheCallAndLeavesHistoryWithDuration() throws Exception {
        try (SimulatedClient alice = relay.user("a1"); SimulatedClient bob = relay.user("b1")) {
            alice.sendControl(new CallStart("b1"));
            long id = awaitRinging(bob, "b1").callId();
            awaitRinging(alice, "b1");
            bob.sendControl(new CallAccept(id));
            awaitState(alice, id, CallState.ACCEPTED);
            CallUpdate accepted = awaitState(bob, id, CallState.ACCEPTED);
            assertThat(accepted.answeredAtMicros()).isNotNull();
            Thread.sleep(300);
            alice.sendControl(new CallHangup(id));
            CallUpdate ended = awaitState(bob, id, CallState.ENDED);
            awaitState(alice, id, CallState.ENDED);
            assertThat(ended.endedBy()).isEqualTo("a1");
            assertThat(ended.endedAtMicros() - ended.answeredAtMicros()).isGreaterThanOrEqualTo(250_000);
        }
        try (SimulatedClient bobAgain = relay.user("b1")) {
            CallHistory history = bobAgain.awaitControl(CallHistory.class, h -> true, T);
            assertThat(history.calls()).anySatisfy(c -> {
                assertThat(c.caller()).isEqualTo("a1");
                assertThat(c.state()).isEqualTo(CallState.ENDED);
                assertThat(c.answeredAtMicros()).isNotNull();
            });
        }
    }

    @Test
    void declineCancelMissedAndBusy() throws Exception {
        try (SimulatedClient alice = relay.user("a2"); SimulatedClient bob = relay.user("b2");
             SimulatedClient carol = relay.user("c2")) {
            // declined
            alice.sendControl(new CallStart("b2"));
            long declined = awaitRinging(bob, "b2").callId();
            bob.sendControl(new CallDecline(declined));
            assertThat(awaitState(alice, declined, CallState.DECLINED).endedBy()).isEqualTo("b2");

            // declined too: the callee hangs up while ringing
            alice.sendControl(new CallStart("b2"));
            long hungUpRinging = awaitRinging(bob, "b2").callId();
            bob.sendControl(new CallHangup(hungUpRinging));
            assertThat(awaitState(alice, hungUpRinging, CallState.DECLINED).endedBy()).isEqualTo("b2");
            assertThat(awaitState(bob, hungUpRinging, CallState.DECLINED).answeredAtMicros()).isNull();

            // cancelled: the caller hangs up while ringing
            alice.sendControl(new CallStart("b2"));
            long cancelled = awaitRinging(bob, "b2").callId();
            alice.sendControl(new CallHangup(cancelled));
            assertThat(awaitState(bob, cancelled, CallState.CANCELLED).endedBy()).isEqualTo("a2");

            // missed: nobody answers within the ring timeout (3 s here)
            alice.sendControl(new CallStart("b2"));
            long missed = awaitRinging(bob, "b2").callId();
            assertThat(awaitState(alice, missed, CallState.MISSED).endedBy()).isNull();
            awaitState(bob, missed, CallState.MISSED);

            // busy: bob is in a call with alice when carol calls
            long call = SimulatedClient.establishCall(alice, bob);
            carol.sendControl(new CallStart("b2"));
            CallUpdate busy = carol.awaitControl(CallUpdate.class, u -> u.state() == CallState.BUSY, T);
            assertThat(busy.callee()).isEqualTo("b2");
            bob.awaitControl(CallUpdate.class, u -> u.callId() == busy.callId() && u.state() == CallState.BUSY, T);
            // and the established call is untouched
            alice.sendControl(new CallHangup(call));
            awaitState(bob, call, CallState.ENDED);
        }
    }

    @Test
    void callingAnOfflineUserIsMissedAtOnceAndAnUnknownOneRefused() throws Exception {
        try (SimulatedClient gone = relay.user("gone3")) {
            gone.sendControl(new com.waltalk.protocol.control.Ping(1));
        }
        try (SimulatedClient alice = relay.user("a3")) {
            alice.sendControl(new CallStart("gone3"));
            alice.awaitControl(CallUpdate.class, u -> u.state() == CallState.MISSED && u.callee().equals("gone3"), T);
            alice.sendControl(new CallStart("nobody-at-all"));
            assertThat(alice.nextError(T).code()).isEqualTo("unknown_peer");
            alice.sendControl(new CallStart("a3"));
            assertThat(alice.nextError(T).code()).isEqualTo("bad_field");
        }
    }

    @Test
    void onlyTheCalleeMayAcceptAndStrangersCannotTouchACall() throws Exception {
        try (SimulatedClient alice = relay.user("a4"); SimulatedClient bob = relay.user("b4");
             SimulatedClient mallory = relay.user("m4")) {
            alice.sendControl(new CallStart("b4"));
            long id = awaitRinging(bob, "b4").callId();
            alice.sendControl(new CallAccept(id));
            assertThat(alice.nextError(T).code()).isEqualTo("bad_call_state");
            mallory.sendControl(new CallAccept(id));
            assertThat(mallory.nextError(T).code()).isEqualTo("unknown_call");
            mallory.sendControl(new CallHangup(id));
            assertThat(mallory.nextError(T).code()).isEqualTo("unknown_call");
            bob.sendControl(new CallAccept(id));
            awaitState(alice, id, CallState.ACCEPTED);
            alice.sendControl(new CallHangup(id));
            awaitState(bob, id, CallState.ENDED);
            assertThat(eventualState(id, "ended")).isEqualTo("ended");
        }
    }

    /**
     * The callee accepts while the caller hangs up. Exactly one transition out of {@code ringing} wins: either
     * the hang-up (the call is {@code cancelled}, never accepted, and the accept is refused) or the accept (the
     * call is {@code accepted}, and the hang-up then ends it). Most rounds start both at once; a few give one
     * side a head start, so that each outcome is seen at least once whatever the machine's timing.
     */
    @Test
    void racingAcceptAndCancelHaveExactlyOneWinnerAndBothOutcomesHappen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SimulatedClient alice = relay.user("a5"); SimulatedClient bob = relay.user("b5")) {
            Map<Long, List<String>> seenByAlice = new ConcurrentHashMap<>();
            Map<Long, List<String>> seenByBob = new ConcurrentHashMap<>();
            alice.onControl(m -> record(m, seenByAlice));
            bob.onControl(m -> record(m, seenByBob));
            Map<String, Integer> outcomes = new TreeMap<>();
            for (int round = 0; round < 20; round++) {
                long acceptDelay = round % 5 == 3 ? 60 : 0; // the hang-up goes first
                long hangupDelay = round % 5 == 1 ? 60 : 0; // the accept goes first
                alice.sendControl(new CallStart("b5"));
                long id = awaitRinging(bob, "b5").callId();
                awaitRinging(alice, "b5");
                int aliceErrors = alice.errorsSeen().size();
                int bobErrors = bob.errorsSeen().size();
                CountDownLatch go = new CountDownLatch(1);
                pool.submit(() -> {
                    go.await();
                    Thread.sleep(acceptDelay);
                    bob.sendControl(new CallAccept(id));
                    return null;
                });
                pool.submit(() -> {
                    go.await();
                    Thread.sleep(hangupDelay);
                    alice.sendControl(new CallHangup(id));
                    return null;
                });
                go.countDown();
                CallUpdate last = alice.awaitControl(CallUpdate.class,
                        u -> u.callId() == id && (u.state() == CallState.CANCELLED || u.state() == CallState.ENDED), T);
                awaitState(bob, id, last.state());
                assertThat(last.endedBy()).isEqualTo("a5");
                // the stream can deliver a commit a moment before a new snapshot sees it: allow for that
                assertThat(eventualState(id, last.state().wire())).isEqualTo(last.state().wire());
                String at = "round " + round;
                if (last.state() == CallState.CANCELLED) {
                    // the hang-up won: never accepted, and the accept is refused
                    assertThat(last.answeredAtMicros()).as(at).isNull();
                    assertThat(seenByAlice.get(id)).as(at).containsExactly("ringing", "cancelled");
                    assertThat(seenByBob.get(id)).as(at).containsExactly("ringing", "cancelled");
                    long deadline = System.nanoTime() + T.toNanos();
                    while (bob.errorsSeen().size() == bobErrors && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertThat(bob.errorsSeen().subList(bobErrors, bob.errorsSeen().size()))
                            .extracting(ErrorMessage::code).as(at).containsExactly("bad_call_state");
                } else {
                    // the accept won: accepted, then ended by the hang-up; nobody refused
                    assertThat(last.answeredAtMicros()).as(at).isNotNull();
                    assertThat(seenByAlice.get(id)).as(at).containsExactly("ringing", "accepted", "ended");
                    assertThat(seenByBob.get(id)).as(at).containsExactly("ringing", "accepted", "ended");
                    Thread.sleep(50);
                    assertThat(bob.errorsSeen()).as(at).hasSize(bobErrors);
                }
                assertThat(alice.errorsSeen()).as(at).hasSize(aliceErrors);
                outcomes.merge(last.state().wire(), 1, Integer::sum);
            }
            System.out.println("accept vs hang-up outcomes: " + outcomes);
            assertThat(outcomes).as("both outcomes occurred").containsOnlyKeys("cancelled", "ended");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void record(com.waltalk.protocol.control.ControlMessage m, Map<Long, List<String>> seen) {
        if (m instanceof CallUpdate u) {
            seen.computeIfAbsent(u.callId(), k -> new CopyOnWriteArrayList<>()).add(u.state().wire());
        }
    }

    @Test
    void bothCallingEachOtherAtOnceConnectsExactlyOneCall() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SimulatedClient alice = relay.user("a6"); SimulatedClient bob = relay.user("b6")) {
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
                CallUpdate accepted = alice.awaitControl(CallUpdate.class, u -> u.state() == CallState.ACCEPTED, T);
                awaitState(bob, accepted.callId(), CallState.ACCEPTED);
                assertThat(countActive("a6")).isEqualTo(1);
                assertThat(alice.errorsSeen()).isEmpty();
                assertThat(bob.errorsSeen()).isEmpty();
                alice.sendControl(new CallHangup(accepted.callId()));
                awaitState(alice, accepted.callId(), CallState.ENDED);
                awaitState(bob, accepted.callId(), CallState.ENDED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void mediaFlowsOnlyInsideAnAcceptedCallBetweenItsParties() throws Exception {
        try (SimulatedClient alice = relay.user("a7"); SimulatedClient bob = relay.user("b7");
             SimulatedClient mallory = relay.user("m7")) {
            alice.sendControl(new CallStart("b7"));
            long id = awaitRinging(bob, "b7").callId();
            // while ringing: refused
            alice.sendMedia(TestMedia.video(id, 0, "b7"), ByteBuffer.wrap(TestMedia.jpeg(2000, 1)));
            assertThat(alice.nextError(T).code()).isEqualTo("not_in_call");
            bob.sendControl(new CallAccept(id));
            awaitState(alice, id, CallState.ACCEPTED);
            awaitState(bob, id, CallState.ACCEPTED);

            // a third party cannot inject into the call
            mallory.sendMedia(TestMedia.video(id, 0, "b7"), ByteBuffer.wrap(TestMedia.jpeg(2000, 2)));
            assertThat(mallory.nextError(T).code()).isEqualTo("not_in_call");
            // a party cannot use the call to reach someone else: refused on arrival (alice's not_in_call notice
            // may be held back, one a second, so count it), neither stored nor delivered
            long rejected = framesRejected();
            alice.sendMedia(TestMedia.video(id, 1, "m7"), ByteBuffer.wrap(TestMedia.jpeg(2000, 3)));
            awaitCount(CallsIT::framesRejected, rejected + 1);
            assertThat(mallory.nextMedia(Duration.ofMillis(300))).isNull();
            assertThat(rowsFrom("m7")).isZero();

            // in the call: delivered, stamped
            byte[] jpeg = TestMedia.jpeg(20_000, 4);
            alice.sendMedia(TestMedia.video(id, 2, "b7"), ByteBuffer.wrap(jpeg));
            var got = bob.nextMedia(T);
            assertThat(got.frame().header().peer()).isEqualTo("a7");
            assertThat(TestMedia.bytes(got.frame().payload())).isEqualTo(jpeg);
            assertThat(bob.nextMedia(Duration.ofMillis(200))).as("only the one frame").isNull();

            // media state reaches the peer through the call row
            alice.sendControl(new MediaState(id, false, true));
            CallUpdate cameraOff = bob.awaitControl(CallUpdate.class,
                    u -> u.callId() == id && !u.callerMedia().videoOn(), T);
            assertThat(cameraOff.callerMedia().audioOn()).isTrue();
            alice.sendControl(new CallHangup(id));
            awaitState(bob, id, CallState.ENDED);
        }
    }

    /**
     * "After a call ends, its media stops within one frame interval", made precise.
     *
     * <p>The end of a call takes effect on a relay when it applies the end's commit from the stream: in the same
     * step it forgets the call (so its ingest refuses the call's frames from then on, and its fan-out drops every
     * frame row committed after the end, which the stream delivers after it) and queues the {@code ended} update
     * for both parties. What can still reach the recipient after that update is only what was queued for it
     * before: audio and control share one FIFO, so no audio can follow {@code ended}; video waits in a
     * latest-frame-wins slot, so at most one frame per sender can. Measured at the recipient, from the moment its
     * {@code ended} update arrives (timestamps taken on the thread that reads both, so their order is exact): no
     * audio, at most one video frame, and nothing later than one video frame interval (66 ms at 15 fps).
     *
     * <p>On the sender's side: every frame sent after the sender has seen {@code ended} is refused (the relay
     * forgot the call before it sent that update), answered with {@code not_in_call}, and never stored.
     */
    @Test
    void afterTheEndNoMoreThanOneFrameIntervalOfMediaIsDeliveredAndLaterFramesAreRefused() throws Exception {
        long frameIntervalNanos = Duration.ofMillis(1000 / 15).toNanos();
        try (SimulatedClient alice = relay.user("a8"); SimulatedClient bob = relay.user("b8")) {
            long id = SimulatedClient.establishCall(alice, bob);
            record Arrival(long nanos, boolean video, long seq) {
            }
            List<Arrival> atBob = new CopyOnWriteArrayList<>();
            bob.onMedia(r -> atBob.add(new Arrival(r.receivedNanos(),
                    r.frame().header().kind() == MediaKind.VIDEO_JPEG, r.frame().header().seq())));
            AtomicLong endedAtBob = new AtomicLong();
            bob.onControl(m -> {
                if (m instanceof CallUpdate u && u.callId() == id && u.state() == CallState.ENDED) {
                    endedAtBob.compareAndSet(0, System.nanoTime());
                }
            });
            AtomicBoolean aliceSawTheEnd = new AtomicBoolean();
            alice.onControl(m -> {
                if (m instanceof CallUpdate u && u.callId() == id && u.state() == CallState.ENDED) {
                    aliceSawTheEnd.set(true);
                }
            });
            int errorsBefore = alice.errorsSeen().size();

            // alice streams video at 15 fps and audio every 20 ms; bob hangs up after a second, alice goes on
            // for ten more video frames after she has seen the end
            long seq = 0;
            long firstSeqAfterAliceSawTheEnd = -1;
            long rejectedAtThatPoint = 0;
            int framesAfterAliceSawTheEnd = 0;
            int videoAfterAliceSawTheEnd = 0;
            long start = System.nanoTime();
            boolean hungUp = false;
            for (int tick = 0; videoAfterAliceSawTheEnd < 10; tick++) {
                if (tick > 2_000) {
                    throw new AssertionError("alice never saw the end of the call");
                }
                long due = start + tick * Duration.ofMillis(20).toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                if (firstSeqAfterAliceSawTheEnd < 0 && aliceSawTheEnd.get()) {
                    firstSeqAfterAliceSawTheEnd = seq;
                    rejectedAtThatPoint = framesRejected();
                }
                boolean after = firstSeqAfterAliceSawTheEnd >= 0;
                alice.sendMedia(TestMedia.audio(id, seq++, "b8"), ByteBuffer.wrap(TestMedia.pcm(320, tick)));
                framesAfterAliceSawTheEnd += after ? 1 : 0;
                if (tick % 10 == 0 || tick % 10 == 3 || tick % 10 == 7) { // 3 per 200 ms = 15 fps
                    alice.sendMedia(TestMedia.video(id, seq++, "b8"), ByteBuffer.wrap(TestMedia.jpeg(3_000, tick)));
                    framesAfterAliceSawTheEnd += after ? 1 : 0;
                    videoAfterAliceSawTheEnd += after ? 1 : 0;
                }
                if (!hungUp && tick == 50) {
                    assertThat(atBob).as("media flows before the end").hasSizeGreaterThan(20);
                    bob.sendControl(new CallHangup(id));
                    hungUp = true;
                }
            }
            assertThat(awaitState(alice, id, CallState.ENDED).endedBy()).isEqualTo("b8");
            Thread.sleep(300); // anything still on its way arrives now

            long ended = endedAtBob.get();
            assertThat(ended).as("bob saw the end").isPositive();
            List<Arrival> afterEnd = atBob.stream().filter(a -> a.nanos() > ended).toList();
            String measured = afterEnd.stream().map(a -> (a.video() ? "video " : "audio ") + a.seq() + " at +"
                    + (a.nanos() - ended) / 1_000 + " us").toList().toString();
            assertThat(afterEnd.stream().filter(a -> !a.video())).as("audio after ended: %s", measured).isEmpty();
            assertThat(afterEnd.stream().filter(Arrival::video)).as("video after ended: %s", measured)
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(afterEnd).as("media later than one frame interval after ended: %s", measured)
                    .allSatisfy(a -> assertThat(a.nanos() - ended).isLessThanOrEqualTo(frameIntervalNanos));
            long firstRefused = firstSeqAfterAliceSawTheEnd;
            assertThat(atBob).as("frames sent after alice saw the end").noneMatch(a -> a.seq() >= firstRefused);

            // refused to the sender: counted, answered with not_in_call, never stored
            int refused = framesAfterAliceSawTheEnd;
            // (frames alice sent just before she saw the end may be refused as well: at least)
            long deadline = System.nanoTime() + T.toNanos();
            while (framesRejected() - rejectedAtThatPoint < refused && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(framesRejected() - rejectedAtThatPoint).as("frames refused")
                    .isGreaterThanOrEqualTo(refused);
            assertThat(alice.errorsSeen().subList(errorsBefore, alice.errorsSeen().size()))
                    .extracting(ErrorMessage::code).contains("not_in_call");
            assertThat(mediaRows(id, firstRefused)).as("stored frames sent after the end was seen").isZero();
        }
    }

    @Test
    void signingOutDuringACallEndsItForThePeerAtOnce() throws Exception {
        Duration grace = relay.relay().settings().timeouts().reconnectGrace();
        try (SimulatedClient alice = relay.user("a9"); SimulatedClient bob = relay.user("b9")) {
            long id = SimulatedClient.establishCall(alice, bob);
            long start = System.nanoTime();
            bob.sendControl(new SignOut());
            CallUpdate ended = awaitState(alice, id, CallState.ENDED);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(ended.endedBy()).isEqualTo("b9");
            assertThat(millis).as("ended at once, not after the %s reconnect grace", grace)
                    .isLessThan(grace.toMillis() / 3);
            assertThat(bob.awaitClosed(T)).isTrue();
            assertThat(bob.closeCode()).isEqualTo(1000);
            alice.awaitStatus("b9", "offline", T);
            assertThat(eventualState(id, "ended")).isEqualTo("ended");

            // while ringing, the caller signing out cancels the call
            try (SimulatedClient carol = relay.user("c9")) {
                carol.sendControl(new CallStart("a9"));
                long ringing = awaitRinging(alice, "a9").callId();
                carol.sendControl(new SignOut());
                assertThat(awaitState(alice, ringing, CallState.CANCELLED).endedBy()).isEqualTo("c9");
            }
        }
    }

    @Test
    void theRingTimeoutIs30SecondsByDefaultAndOnlyThisTestRelayShortensIt() {
        assertThat(RelaySettings.Timeouts.DEFAULT.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RelaySettings.forLoopback(Path.of("unused"), "x").timeouts()).isEqualTo(RelaySettings.Timeouts.DEFAULT);
        // the only difference of the relay under test (declineCancelMissedAndBusy waits for it)
        assertThat(relay.relay().settings().timeouts())
                .isEqualTo(RelaySettings.Timeouts.DEFAULT.withRingTimeout(Duration.ofSeconds(3)));
    }

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

    /** Media frames the relay has refused so far, over all connections. */
    private static long framesRejected() {
        return relay.relay().controller().framesRejected();
    }

    /** Waits until {@code counter} reaches {@code expected} (counters are updated on other threads); not beyond. */
    private static void awaitCount(java.util.function.LongSupplier counter, long expected) throws Exception {
        long deadline = System.nanoTime() + T.toNanos();
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(counter.getAsLong()).isEqualTo(expected);
    }

    /** Video and audio rows of the call from sequence number {@code fromSeq} on. */
    private static long mediaRows(long callId, long fromSeq) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT (SELECT count(*) FROM video_frames WHERE call_id = ? AND seq >= ?) "
                     + "+ (SELECT count(*) FROM audio_frames WHERE call_id = ? AND seq >= ?)")) {
            ps.setLong(1, callId);
            ps.setLong(2, fromSeq);
            ps.setLong(3, callId);
            ps.setLong(4, fromSeq);
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
