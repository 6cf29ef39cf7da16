package com.waltalk.desktop.session;

import com.waltalk.testing.TestContacts;
import static com.waltalk.desktop.session.Probe.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.relay.Relay;
import com.waltalk.relay.accounts.AccountStore;
import com.waltalk.relay.config.RelaySettings;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session model against a real relay (embedded PostgreSQL, logical replication, real WebSockets):
 * accounts, presence, calls with every outcome, media both ways, chat with unread counts.
 */
class SessionModelIT {

    /** Short so the missed-call case is quick; long enough that a busy machine does not turn a cancel into a miss. */
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(4);

    @TempDir
    static Path dataDir;
    static Relay relay;
    static RelayEndpoint endpoint;

    @BeforeAll
    static void startRelay() throws Exception {
        relay = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dataDir.resolve("pg"), "desktop_session_test")
                .withTimeouts(RelaySettings.Timeouts.DEFAULT.withRingTimeout(RING_TIMEOUT))));
        endpoint = RelayEndpoint.of(relay.webSocketUri());
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private static FailureKind failureOf(java.util.concurrent.CompletableFuture<?> f) throws Exception {
        try {
            f.get(T.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FailureException.class);
            return ((FailureException) e.getCause()).failure().kind();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void registerSignInWrongPasswordTokenReplacementAndSignOut() throws Exception {
        try (Probe first = new Probe(); Probe second = new Probe(); Probe third = new Probe()) {
            Credentials issued = first.model.register(endpoint, "acc_ann", "password-ann")
                    .get(T.toSeconds(), TimeUnit.SECONDS);
            assertThat(issued.user()).isEqualTo("acc_ann");
            assertThat(issued.toString()).doesNotContain(issued.token());
            assertThat(first.await(SessionEvent.CredentialsIssued.class, e -> true).credentials()).isEqualTo(issued);
            Probe.awaitTrue("signed in", () -> first.model.connection().signedIn());
            assertThat(first.model.connection().user()).isEqualTo("acc_ann");
            assertThat(first.eventThreads()).as("events never on the caller's thread")
                    .doesNotContain(Thread.currentThread());

            // the same name again, a wrong password, a malformed name: typed failures, signed out
            assertThat(failureOf(second.model.register(endpoint, "acc_ann", "whatever-else")))
                    .isEqualTo(FailureKind.USER_EXISTS);
            assertThat(failureOf(second.model.signIn(endpoint, "acc_ann", "not-the-password")))
                    .isEqualTo(FailureKind.WRONG_CREDENTIALS);
            assertThat(second.model.connection().state()).isEqualTo(ConnectionState.SIGNED_OUT);
            assertThat(second.model.connection().failure().kind()).isEqualTo(FailureKind.WRONG_CREDENTIALS);
            assertThat(second.model.connection().failure().userMessage()).contains("Wrong user name or password");
            assertThat(failureOf(second.model.signIn(endpoint, "no spaces allowed", "x")))
                    .isEqualTo(FailureKind.BAD_USER_NAME);

            // the token signs in on another model; the first session is replaced and must not come back
            int mark = first.mark();
            Credentials again = second.model.signInWithToken(endpoint, issued.token())
                    .get(T.toSeconds(), TimeUnit.SECONDS);
            assertThat(again.user()).isEqualTo("acc_ann");
            ConnectionStatus replaced = first.awaitState(mark, ConnectionState.SIGNED_OUT);
            assertThat(replaced.failure().kind()).isEqualTo(FailureKind.SESSION_REPLACED);
            Thread.sleep(1_500); // longer than the first reconnect delay would be
            assertThat(first.events().subList(mark, first.mark()))
                    .noneMatch(e -> e instanceof SessionEvent.ConnectionChanged c
                            && c.status().state() != ConnectionState.SIGNED_OUT);
            assertThat(second.model.connection().signedIn()).isTrue();

            // signing out revokes the token
            second.model.signOut().get(T.toSeconds(), TimeUnit.SECONDS);
            assertThat(second.model.connection().state()).isEqualTo(ConnectionState.SIGNED_OUT);
            assertThat(second.model.connection().failure()).isNull();
            assertThat(failureOf(third.model.signInWithToken(endpoint, again.token())))
                    .isEqualTo(FailureKind.TOKEN_REJECTED);
            assertThat(third.model.signIn(endpoint, "acc_ann", "password-ann").get(T.toSeconds(), TimeUnit.SECONDS)
                    .user()).isEqualTo("acc_ann");
        }
    }

    @Test
    void anAccountRemovedByTheOperatorEndsTheSessionWithAPlainReasonAndNoReconnect() throws Exception {
        try (Probe p = new Probe()) {
            p.model.register(endpoint, "acc_gone", "password-gone").get(T.toSeconds(), TimeUnit.SECONDS);
            Probe.awaitTrue("signed in", () -> p.model.connection().signedIn());
            int mark = p.mark();

            assertThat(new AccountStore(relay.database().pool()).remove("acc_gone")).isTrue(); // as `relay user remove`

            ConnectionStatus ended = p.awaitState(mark, ConnectionState.SIGNED_OUT);
            assertThat(ended.failure().kind()).isEqualTo(FailureKind.ACCOUNT_REMOVED);
            assertThat(ended.failure().userMessage()).startsWith("Your account was removed from this relay.");
            Thread.sleep(1_500); // longer than the first reconnect delay would be
            assertThat(p.events().subList(mark, p.mark()))
                    .noneMatch(e -> e instanceof SessionEvent.ConnectionChanged c
                            && c.status().state() != ConnectionState.SIGNED_OUT);
        }
    }

    @Test
    void anUnreachableRelayIsReportedAsSuch() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Probe p = new Probe()) {
            assertThat(failureOf(p.model.signIn(RelayEndpoint.of("ws://127.0.0.1:" + closedPort + "/"), "x", "y")))
                    .isEqualTo(FailureKind.RELAY_UNREACHABLE);
            assertThat(p.model.connection().state()).isEqualTo(ConnectionState.SIGNED_OUT);
        }
    }

    @Test
    void presenceAppearsAndDisappears() throws Exception {
        try (Probe ann = Probe.register(endpoint, "pres_ann")) {
            Probe bob = Probe.register(endpoint, "pres_bob");
            Probe.contacts(ann, bob);
            ann.await(SessionEvent.ContactsChanged.class,
                    e -> e.lists().contacts().contains(new Contact("pres_bob", Presence.ONLINE)));
            // the directory follows signed_in
            bob.await(SessionEvent.ContactsChanged.class,
                    e -> e.lists().contacts().contains(new Contact("pres_ann", Presence.ONLINE)));
            assertThat(bob.model.contacts().contacts()).contains(new Contact("pres_ann", Presence.ONLINE))
                    .noneMatch(c -> c.user().equals("pres_bob"));
            bob.close();
            ann.await(SessionEvent.ContactsChanged.class,
                    e -> e.lists().contacts().contains(new Contact("pres_bob", Presence.OFFLINE)));
        }
    }

    @Test
    void callAcceptMediaBothWaysMuteHangUpAndHistory() throws Exception {
        try (Probe ann = Probe.register(endpoint, "call_ann"); Probe bob = Probe.register(endpoint, "call_bob")) {
            Probe.contacts(ann, bob);
            List<EncodedVideoFrame> bobGotVideo = new CopyOnWriteArrayList<>();
            List<AudioPacket> bobGotAudio = new CopyOnWriteArrayList<>();
            List<EncodedVideoFrame> annGotVideo = new CopyOnWriteArrayList<>();
            List<AudioPacket> annGotAudio = new CopyOnWriteArrayList<>();
            bob.model.media().onVideo(bobGotVideo::add);
            bob.model.media().onAudio(bobGotAudio::add);
            ann.model.media().onVideo(annGotVideo::add);
            ann.model.media().onAudio(annGotAudio::add);

            ann.model.call("call_bob");
            CallView ringing = ann.awaitCall(CallPhase.OUTGOING_RINGING);
            assertThat(ringing.peer()).isEqualTo("call_bob");
            assertThat(ringing.outgoing()).isTrue();
            CallView incoming = bob.awaitCall(CallPhase.INCOMING_RINGING);
            assertThat(incoming.callId()).isEqualTo(ringing.callId());
            assertThat(incoming.peer()).isEqualTo("call_ann");
            // media before the call is accepted goes nowhere
            ann.model.media().sendVideo(new EncodedVideoFrame(0, now(), 640, 360, jpeg(1000, 0)));

            bob.model.accept();
            ann.awaitCall(CallPhase.IN_CALL);
            bob.awaitCall(CallPhase.IN_CALL);
            ann.await(SessionEvent.ContactsChanged.class,
                    e -> e.lists().contacts().contains(new Contact("call_bob", Presence.IN_CALL)));

            List<EncodedVideoFrame> annSent = new ArrayList<>();
            List<AudioPacket> annSentAudio = new ArrayList<>();
            List<EncodedVideoFrame> bobSent = new ArrayList<>();
            for (int i = 0; i < 45; i++) { // 0.9 s of a paced call: 50 audio packets/s, ~17 video frames/s
                if (i % 3 == 0) {
                    EncodedVideoFrame a = new EncodedVideoFrame(i / 3, now(), 640, 360, jpeg(20_000 + i, i));
                    EncodedVideoFrame b = new EncodedVideoFrame(i / 3, now(), 320, 180, jpeg(9_000 + i, 100 + i));
                    annSent.add(a);
                    bobSent.add(b);
                    ann.model.media().sendVideo(a);
                    bob.model.media().sendVideo(b);
                }
                AudioPacket a = new AudioPacket(i, now(), pcm(320, 500 + i));
                annSentAudio.add(a);
                ann.model.media().sendAudio(a);
                bob.model.media().sendAudio(new AudioPacket(i, now(), pcm(320, 900 + i)));
                Thread.sleep(20);
            }
            Probe.awaitTrue("bob got all of ann's media",
                    () -> bobGotVideo.size() == annSent.size() && bobGotAudio.size() == annSentAudio.size());
            Probe.awaitTrue("ann got all of bob's media",
                    () -> annGotVideo.size() == bobSent.size() && annGotAudio.size() == 45);
            for (int i = 0; i < annSent.size(); i++) {
                EncodedVideoFrame sent = annSent.get(i);
                EncodedVideoFrame got = bobGotVideo.get(i);
                assertThat(got.seq()).isEqualTo(sent.seq());
                assertThat(got.width()).isEqualTo(640);
                assertThat(got.height()).isEqualTo(360);
                assertThat(got.jpeg()).isEqualTo(sent.jpeg());
                // converted to relay time and back: the same local clock here, to within the offset's rounding
                assertThat(Math.abs(got.captureMicros() - sent.captureMicros())).isLessThan(20_000); // two independent offset estimates
            }
            for (int i = 0; i < 45; i++) {
                assertThat(bobGotAudio.get(i).pcm()).isEqualTo(annSentAudio.get(i).pcm());
                assertThat(bobGotAudio.get(i).seq()).isEqualTo(i);
            }
            assertThat(annGotVideo.get(3).jpeg()).isEqualTo(bobSent.get(3).jpeg());

            var stats = bob.model.media().stats();
            assertThat(stats.videoIn().totalFrames()).isEqualTo(annSent.size());
            assertThat(stats.videoIn().framesPerSecond()).isGreaterThan(5);
            assertThat(stats.audioIn().kilobitsPerSecond()).isGreaterThan(100); // 50 × 680 B ≈ 272 kbit/s
            assertThat(stats.videoIn().latencyMillis()).isBetween(0.0, 1_000.0);
            assertThat(stats.videoIn().droppedFrames()).isZero();
            assertThat(ann.model.media().stats().videoOut().totalFrames()).isEqualTo(annSent.size());
            assertThat(ann.model.media().stats().videoOut().droppedFrames()).isZero();

            // mute and camera off reach the peer; nothing of it leaves the machine meanwhile
            int mark = bob.mark();
            ann.model.setMuted(true);
            ann.model.setCameraOn(false);
            bob.awaitAfter(mark, SessionEvent.CallChanged.class,
                    e -> e.call().peerMedia().equals(new MediaSwitches(false, false)));
            assertThat(ann.model.localMedia()).isEqualTo(new MediaSwitches(false, false));
            int audioBefore = bobGotAudio.size();
            ann.model.media().sendAudio(new AudioPacket(1000, now(), pcm(320, 1)));
            ann.model.media().sendVideo(new EncodedVideoFrame(1000, now(), 640, 360, jpeg(1000, 1)));
            Thread.sleep(300);
            assertThat(bobGotAudio).hasSize(audioBefore);
            assertThat(ann.model.media().stats().audioOut().droppedFrames()).isOne();
            assertThat(ann.model.media().stats().videoOut().droppedFrames()).isOne();
            ann.model.setMuted(false);
            ann.model.setCameraOn(true);
            bob.awaitAfter(mark, SessionEvent.CallChanged.class, e -> e.call().peerMedia().equals(MediaSwitches.ALL_ON));

            ann.model.hangup();
            CallView annEnded = ann.awaitCall(CallPhase.ENDED);
            CallView bobEnded = bob.awaitCall(CallPhase.ENDED);
            assertThat(annEnded.outcome()).isEqualTo(CallOutcome.ENDED);
            assertThat(annEnded.endedByMe()).isTrue();
            assertThat(bobEnded.outcome()).isEqualTo(CallOutcome.ENDED);
            assertThat(bobEnded.endedByMe()).isFalse();
            assertThat(ann.model.currentCall()).isEmpty();
            Probe.awaitTrue("history", () -> !bob.model.callHistory().isEmpty()
                    && bob.model.callHistory().get(0).phase() == CallPhase.ENDED);
            CallView last = bob.model.callHistory().get(0);
            assertThat(last.callId()).isEqualTo(ringing.callId());
            assertThat(last.answeredAt()).isNotNull();
            assertThat(last.endedAt()).isAfterOrEqualTo(last.answeredAt());
        }
    }

    @Test
    void declinedCancelledBusyAndMissedReachBothModels() throws Exception {
        try (Probe ann = Probe.register(endpoint, "out_ann"); Probe bob = Probe.register(endpoint, "out_bob");
             Probe cid = Probe.register(endpoint, "out_cid")) {
            Probe.contacts(ann, bob, cid);
            // declined
            ann.model.call("out_bob");
            bob.awaitCall(CallPhase.INCOMING_RINGING);
            bob.model.decline();
            assertThat(ann.awaitCall(CallPhase.ENDED).outcome()).isEqualTo(CallOutcome.DECLINED);
            CallView bobSide = bob.awaitCall(CallPhase.ENDED);
            assertThat(bobSide.outcome()).isEqualTo(CallOutcome.DECLINED);
            assertThat(bobSide.endedByMe()).isTrue();

            // cancelled
            int a = ann.mark();
            int b = bob.mark();
            ann.model.call("out_bob");
            bob.awaitCallAfter(b, CallPhase.INCOMING_RINGING);
            // as in the UI, cancel once my side shows the call ringing (each side learns it from its own stream)
            ann.awaitCallAfter(a, CallPhase.OUTGOING_RINGING);
            ann.model.hangup();
            assertThat(ann.awaitCallAfter(a, CallPhase.ENDED).outcome()).isEqualTo(CallOutcome.CANCELLED);
            assertThat(bob.awaitCallAfter(b, CallPhase.ENDED).outcome()).isEqualTo(CallOutcome.CANCELLED);

            // busy: cid calls ann while ann is in a call with bob; ann's call is not disturbed
            a = ann.mark();
            b = bob.mark();
            ann.model.call("out_bob");
            bob.awaitCallAfter(b, CallPhase.INCOMING_RINGING);
            bob.model.accept();
            CallView inCall = ann.awaitCallAfter(a, CallPhase.IN_CALL);
            cid.model.call("out_ann");
            CallView busy = cid.awaitCall(CallPhase.ENDED);
            assertThat(busy.outcome()).isEqualTo(CallOutcome.BUSY);
            assertThat(busy.peer()).isEqualTo("out_ann");
            Probe.awaitTrue("ann's history shows the busy call",
                    () -> ann.model.callHistory().stream().anyMatch(c -> c.callId() == busy.callId()
                            && c.outcome() == CallOutcome.BUSY));
            assertThat(ann.model.currentCall()).map(CallView::callId).contains(inCall.callId());
            bob.model.hangup();
            ann.awaitCallAfter(a, CallPhase.ENDED);

            // missed: nobody answers within the (shortened) ring time
            a = ann.mark();
            int c = cid.mark();
            ann.model.call("out_cid");
            cid.awaitCallAfter(c, CallPhase.INCOMING_RINGING);
            assertThat(ann.awaitCallAfter(a, CallPhase.ENDED).outcome()).isEqualTo(CallOutcome.MISSED);
            assertThat(cid.awaitCallAfter(c, CallPhase.ENDED).outcome()).isEqualTo(CallOutcome.MISSED);

            // missed at once: the callee is offline
            String token = bob.model.credentials().orElseThrow().token();
            bob.close();
            ann.await(SessionEvent.ContactsChanged.class,
                    e -> e.lists().contacts().contains(new Contact("out_bob", Presence.OFFLINE)));
            a = ann.mark();
            ann.model.call("out_bob");
            CallView offline = ann.awaitCallAfter(a, CallPhase.ENDED);
            assertThat(offline.outcome()).isEqualTo(CallOutcome.MISSED);
            // ... and bob finds it in his history when he comes back
            try (Probe bobAgain = new Probe()) {
                bobAgain.model.signInWithToken(endpoint, token).get(T.toSeconds(), TimeUnit.SECONDS);
                Probe.awaitTrue("missed call in history", () -> bobAgain.model.callHistory().stream()
                        .anyMatch(v -> v.callId() == offline.callId() && v.outcome() == CallOutcome.MISSED
                                && !v.outgoing()));
            }
        }
    }

    @Test
    void callingWithoutASessionOrTwiceIsACommandFailure() throws Exception {
        try (Probe nobody = new Probe(); Probe ann = Probe.register(endpoint, "cmd_ann")) {
            nobody.model.call("cmd_ann");
            assertThat(nobody.await(SessionEvent.CommandFailed.class, e -> true).failure().kind())
                    .isEqualTo(FailureKind.NOT_SIGNED_IN);
            ann.model.call("cmd_nobody_by_this_name");
            var failed = ann.await(SessionEvent.CommandFailed.class, e -> true);
            assertThat(failed.command()).isEqualTo("call");
            assertThat(failed.failure().kind()).isEqualTo(FailureKind.UNKNOWN_USER);
            assertThat(failed.failure().detail()).contains("unknown_peer");
            assertThat(failed.subject()).isEqualTo("cmd_nobody_by_this_name");
            ann.model.accept();
            assertThat(ann.await(SessionEvent.CommandFailed.class, e -> e.command().equals("accept")).failure()
                    .kind()).isEqualTo(FailureKind.REJECTED);
        }
    }

    @Test
    void chatBothWaysWithUnreadCountsAndOfflineDelivery() throws Exception {
        try (Probe ann = Probe.register(endpoint, "chat_ann")) {
            Probe bob = Probe.register(endpoint, "chat_bob");
            Probe.contacts(ann, bob);
            ann.model.sendChat("chat_bob", "Hi Bob! 👋");
            ann.model.sendChat("chat_bob", "Call me?\nNow?");
            bob.await(SessionEvent.ConversationChanged.class, e -> e.conversation().lines().size() == 2);
            Conversation atBob = bob.model.conversation("chat_ann");
            assertThat(atBob.lines()).extracting(ChatLine::body).containsExactly("Hi Bob! 👋", "Call me?\nNow?");
            assertThat(atBob.lines()).noneMatch(ChatLine::outgoing);
            assertThat(atBob.unread()).isEqualTo(2);
            assertThat(bob.model.totalUnread()).isEqualTo(2);
            ann.await(SessionEvent.ConversationChanged.class,
                    e -> e.conversation().lines().size() == 2 && e.conversation().lines().stream()
                            .noneMatch(ChatLine::pending));
            assertThat(ann.model.conversation("chat_bob").unread()).isZero();
            assertThat(ann.model.conversation("chat_bob").lines()).allMatch(ChatLine::outgoing);

            bob.model.sendChat("chat_ann", "Sure.");
            ann.await(SessionEvent.ConversationChanged.class, e -> e.conversation().unread() == 1);
            Probe.awaitTrue("replying marks as read", () -> bob.model.totalUnread() == 0);
            ann.model.markChatRead("chat_bob");
            Probe.awaitTrue("marked read", () -> ann.model.totalUnread() == 0);

            // offline: bob leaves, ann writes, bob comes back with his token and finds it unread
            String token = bob.model.credentials().orElseThrow().token();
            bob.close();
            ann.await(SessionEvent.ContactsChanged.class,
                    e -> e.lists().contacts().contains(new Contact("chat_bob", Presence.OFFLINE)));
            ann.model.sendChat("chat_bob", "Where did you go?");
            try (Probe bobAgain = new Probe()) {
                bobAgain.model.signInWithToken(endpoint, token).get(T.toSeconds(), TimeUnit.SECONDS);
                bobAgain.await(SessionEvent.ConversationChanged.class, e -> e.conversation().lines().size() == 4);
                Conversation back = bobAgain.model.conversation("chat_ann");
                assertThat(back.lines()).extracting(ChatLine::body).last().isEqualTo("Where did you go?");
                assertThat(back.unread()).as("only what came after my last reply").isEqualTo(1);
            }
            assertThatThrownBy(() -> ann.model.conversation("chat_bob").lines().add(null))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    static long now() {
        return System.currentTimeMillis() * 1000;
    }

    static byte[] jpeg(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        return b;
    }

    static byte[] pcm(int samples, long seed) {
        byte[] b = new byte[samples * 2];
        new Random(seed).nextBytes(b);
        return b;
    }
}
