package com.waltalk.relay.fanout;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.Presence;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.SimulatedClient.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two clients exchange video and audio both ways through a real relay, a real embedded PostgreSQL and
 * its logical replication stream.
 */
class MediaRelayIT {

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("media_test");

    /** zonky starts PostgreSQL with -F (fsync off); a relay's accounts and chat must survive an OS crash. */
    @Test
    void theEmbeddedDatabaseFlushesToDisk() throws Exception {
        try (java.sql.Connection c = relay.database().pool().getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(
                     "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
            rs.next();
            assertThat(rs.getString(1)).as("fsync").isEqualTo("on");
            assertThat(rs.getString(2)).as("synchronous_commit").isEqualTo("on");
            assertThat(rs.getString(3)).as("full_page_writes").isEqualTo("on");
        }
    }

    @Test
    void videoAndAudioTravelBothWaysIdenticalInOrderAndOnlyToTheRecipient() throws Exception {
        try (SimulatedClient alice = relay.user("alice");
             SimulatedClient bob = relay.user("bob");
             SimulatedClient carol = relay.user("carol")) {
            long call = SimulatedClient.establishCall(alice, bob);
            int videoFrames = 40;
            int audioFrames = 120;
            List<byte[]> aliceVideo = new ArrayList<>();
            List<byte[]> bobVideo = new ArrayList<>();
            List<byte[]> aliceAudio = new ArrayList<>();
            List<byte[]> bobAudio = new ArrayList<>();
            // paced like a real call (50 audio packets/s, a video frame every third packet ≈ 16 fps):
            // an unpaced burst would rightly trigger the latest-video-wins policy
            for (int i = 0; i < Math.max(videoFrames, audioFrames); i++) {
                Thread.sleep(20);
                if (i % 3 == 0 && i / 3 < videoFrames) {
                    int v = i / 3;
                    byte[] a = TestMedia.jpeg(30_000 + v, v);
                    byte[] b = TestMedia.jpeg(25_000 + v, 1000 + v);
                    aliceVideo.add(a);
                    bobVideo.add(b);
                    alice.sendMedia(TestMedia.video(call, v, "bob"), ByteBuffer.wrap(a));
                    bob.sendMedia(TestMedia.video(call, v, "alice"), ByteBuffer.wrap(b));
                }
                byte[] a = TestMedia.pcm(320, 5000 + i);
                byte[] b = TestMedia.pcm(320, 9000 + i);
                aliceAudio.add(a);
                bobAudio.add(b);
                alice.sendMedia(TestMedia.audio(call, i, "bob"), ByteBuffer.wrap(a));
                bob.sendMedia(TestMedia.audio(call, i, "alice"), ByteBuffer.wrap(b));
            }

            assertReceived(bob, "alice", aliceVideo, aliceAudio);
            assertReceived(alice, "bob", bobVideo, bobAudio);
            // nothing addressed to carol, so nothing for carol
            assertThat(carol.nextMedia(Duration.ofMillis(500))).isNull();
        }
    }

    private static void assertReceived(SimulatedClient client, String from, List<byte[]> video, List<byte[]> audio)
            throws InterruptedException {
        List<Received> gotVideo = new ArrayList<>();
        List<Received> gotAudio = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((gotVideo.size() < video.size() || gotAudio.size() < audio.size()) && System.nanoTime() < deadline) {
            Received r = client.nextMedia(Duration.ofMillis(200));
            if (r != null) {
                (r.frame().header().kind() == MediaKind.VIDEO_JPEG ? gotVideo : gotAudio).add(r);
            }
        }
        assertThat(gotVideo).hasSize(video.size());
        assertThat(gotAudio).hasSize(audio.size());
        for (int i = 0; i < video.size(); i++) {
            Received r = gotVideo.get(i);
            assertThat(r.frame().header().peer()).as("sender stamped by the relay").isEqualTo(from);
            assertThat(r.frame().header().seq()).as("per-sender order").isEqualTo(i);
            assertThat(r.frame().header().width()).isEqualTo(640);
            assertThat(r.frame().header().height()).isEqualTo(360);
            assertThat(TestMedia.bytes(r.frame().payload())).isEqualTo(video.get(i));
        }
        for (int i = 0; i < audio.size(); i++) {
            Received r = gotAudio.get(i);
            assertThat(r.frame().header().peer()).isEqualTo(from);
            assertThat(r.frame().header().seq()).isEqualTo(i);
            assertThat(r.frame().header().sampleRate()).isEqualTo(16_000);
            assertThat(TestMedia.bytes(r.frame().payload())).isEqualTo(audio.get(i));
        }
    }

    @Test
    void aNewerSignInReplacesTheOlderConnectionWithoutBreakingTheNewOne() throws Exception {
        try (SimulatedClient first = relay.user("dora");
             SimulatedClient second = relay.user("dora");
             SimulatedClient sender = relay.user("erin")) {
            var error = first.nextError(Duration.ofSeconds(5));
            assertThat(error).isNotNull();
            assertThat(error.code()).isEqualTo("session_replaced");
            assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
            assertThat(first.closeCode()).isEqualTo(4000);

            long call = SimulatedClient.establishCall(sender, second);
            byte[] jpeg = TestMedia.jpeg(10_000, 42);
            sender.sendMedia(TestMedia.video(call, 1, "dora"), ByteBuffer.wrap(jpeg));
            Received r = second.nextMedia(Duration.ofSeconds(10));
            assertThat(r).isNotNull();
            assertThat(TestMedia.bytes(r.frame().payload())).isEqualTo(jpeg);
            assertThat(second.isOpen()).isTrue();
        }
    }

    /**
     * PROTOCOL.md: a replaced connection's calls are not affected — they continue on the new
     * connection, whose call_history shows them. Nobody sees the user go offline on the way.
     */
    @Test
    void aCallAcceptedOnTheReplacedConnectionGoesOnOverTheNewOneWithTheSameCallId() throws Exception {
        Duration t = Duration.ofSeconds(10);
        try (SimulatedClient old = relay.user("mona");
             SimulatedClient peer = relay.user("nils");
             SimulatedClient watcher = relay.user("olga")) {
            long call = SimulatedClient.establishCall(peer, old);
            watcher.awaitStatus("mona", "in_call", t);
            while (watcher.nextControl(Duration.ofMillis(200)) != null) {
                // only what comes after the new sign-in counts below
            }

            try (SimulatedClient fresh = relay.user("mona")) {
                var error = old.nextError(t);
                assertThat(error).isNotNull();
                assertThat(error.code()).isEqualTo("session_replaced");
                assertThat(old.awaitClosed(t)).isTrue();
                assertThat(old.closeCode()).isEqualTo(4000);
                long closedAt = System.nanoTime();
                assertThat(fresh.acceptedCallFromHistory()).isEqualTo(call);

                byte[] video = TestMedia.jpeg(12_000, 5);
                byte[] audio = TestMedia.pcm(320, 6);
                fresh.sendMedia(TestMedia.video(call, 0, "nils"), ByteBuffer.wrap(video));
                peer.sendMedia(TestMedia.audio(call, 0, "mona"), ByteBuffer.wrap(audio));
                Received atPeer = peer.nextMedia(t);
                Received atFresh = fresh.nextMedia(t);
                assertThat(atPeer).isNotNull();
                assertThat(atPeer.frame().header().peer()).isEqualTo("mona");
                assertThat(TestMedia.bytes(atPeer.frame().payload())).isEqualTo(video);
                assertThat(atFresh).isNotNull();
                assertThat(TestMedia.bytes(atFresh.frame().payload())).isEqualTo(audio);

                // no presence change for mona up to a second after the old connection closed
                long until = closedAt + Duration.ofSeconds(1).toNanos();
                List<String> statuses = new ArrayList<>();
                for (long left; (left = until - System.nanoTime()) > 0; ) {
                    if (watcher.nextControl(Duration.ofNanos(left)) instanceof Presence p && p.user().equals("mona")) {
                        statuses.add(p.status());
                    }
                }
                assertThat(statuses).isEmpty();
                assertThat(watcher.status("mona")).isEqualTo("in_call");
            }
        }
    }

    @Test
    void healthEndpointReportsStreaming() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var address = relay.relay().healthAddress();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + address.getPort() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ok\"").contains("\"replication\":\"streaming\"");
    }
}
