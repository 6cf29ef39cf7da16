package com.waltalk.desktop.session;

import com.waltalk.testing.TestContacts;
import static com.waltalk.desktop.session.Probe.T;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.ReconnectPolicy;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay restarts in the middle of a call (same data directory, same port): both models go
 * {@code RECONNECTING}, come back signed in with their tokens, and the call carries on with media flowing,
 * because the relay keeps an accepted call through a 15 s grace period.
 */
class ReconnectIT {

    @TempDir
    static Path dataDir;
    static RelaySettings settings;
    static Relay relay;

    @BeforeAll
    static void startRelay() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        settings = RelaySettings.forLoopback(dataDir.resolve("pg"), "desktop_reconnect_test")
                .withListen(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0.1", 0));
        relay = TestContacts.inContact(Relay.start(settings));
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aRelayRestartMidCallReconnectsWithTheTokenAndResumesTheCall() throws Exception {
        RelayEndpoint endpoint = RelayEndpoint.of(relay.webSocketUri());
        SessionOptions fast = SessionOptions.DEFAULT.withReconnect(
                new ReconnectPolicy(Duration.ofMillis(200), Duration.ofSeconds(1)));
        try (Probe ann = new Probe(fast); Probe bob = new Probe(fast)) {
            ann.model.register(endpoint, "rc_ann", "password-ann").get(T.toSeconds(), TimeUnit.SECONDS);
            bob.model.register(endpoint, "rc_bob", "password-bob").get(T.toSeconds(), TimeUnit.SECONDS);
            Probe.contacts(ann, bob);
            String annToken = ann.model.credentials().orElseThrow().token();
            List<EncodedVideoFrame> bobGot = new CopyOnWriteArrayList<>();
            List<AudioPacket> annGot = new CopyOnWriteArrayList<>();
            bob.model.media().onVideo(bobGot::add);
            ann.model.media().onAudio(annGot::add);

            ann.model.call("rc_bob");
            bob.awaitCall(CallPhase.INCOMING_RINGING);
            bob.model.accept();
            CallView call = ann.awaitCall(CallPhase.IN_CALL);
            // bob sends too: his model must have seen the accept as well (each side learns it from its own stream)
            bob.awaitCall(CallPhase.IN_CALL);
            exchange(ann, bob, bobGot, annGot, 0);

            int a = ann.mark();
            int b = bob.mark();
            relay.close();
            ConnectionStatus lost = ann.awaitState(a, ConnectionState.RECONNECTING);
            assertThat(lost.failure().kind()).isEqualTo(FailureKind.CONNECTION_LOST);
            assertThat(lost.user()).isEqualTo("rc_ann");
            bob.awaitState(b, ConnectionState.RECONNECTING);
            assertThat(ann.model.currentCall()).as("the call is kept while reconnecting").isPresent();
            // media sent while the relay is down is dropped and counted, not queued for later
            ann.model.media().sendVideo(new EncodedVideoFrame(99, SessionModelIT.now(), 640, 360,
                    SessionModelIT.jpeg(1000, 1)));

            relay = TestContacts.inContact(Relay.start(settings));
            ann.awaitState(a, ConnectionState.SIGNED_IN);
            bob.awaitState(b, ConnectionState.SIGNED_IN);
            assertThat(ann.events().subList(a, ann.mark())).as("the call never ended")
                    .noneMatch(e -> e instanceof SessionEvent.CallChanged c && c.call().ended());
            assertThat(ann.model.currentCall()).map(CallView::callId).contains(call.callId());
            assertThat(ann.model.currentCall()).map(CallView::phase).contains(CallPhase.IN_CALL);
            assertThat(ann.model.credentials().orElseThrow().token()).as("signed in with the token")
                    .isEqualTo(annToken);
            int bobBefore = bobGot.size();
            int annBefore = annGot.size();
            exchange(ann, bob, bobGot, annGot, 1000);
            assertThat(bobGot.subList(bobBefore, bobGot.size())).extracting(EncodedVideoFrame::seq)
                    .containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
            assertThat(annGot.size() - annBefore).isEqualTo(10);

            ann.model.hangup();
            assertThat(bob.awaitCall(CallPhase.ENDED).outcome()).isEqualTo(CallOutcome.ENDED);
        }
    }

    private static void exchange(Probe ann, Probe bob, List<EncodedVideoFrame> bobGot, List<AudioPacket> annGot,
                                 int firstSeq) throws Exception {
        int videoTarget = bobGot.size() + 5;
        int audioTarget = annGot.size() + 10;
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                ann.model.media().sendVideo(new EncodedVideoFrame(firstSeq + i / 2, SessionModelIT.now(), 640, 360,
                        SessionModelIT.jpeg(15_000, firstSeq + i)));
            }
            bob.model.media().sendAudio(new AudioPacket(firstSeq + i, SessionModelIT.now(),
                    SessionModelIT.pcm(320, firstSeq + i)));
            Thread.sleep(20);
        }
        Probe.awaitTrue("media arrived", () -> bobGot.size() >= videoTarget && annGot.size() >= audioTarget);
    }
}
