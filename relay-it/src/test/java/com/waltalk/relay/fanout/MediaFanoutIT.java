package com.waltalk.relay.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.SimulatedClient.Received;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fan-out's own authorization, apart from the ingest check in front of it: media rows are written
 * straight into PostgreSQL (as a buggy or compromised writer, or another relay of another version, could),
 * so only {@link MediaFanout} stands between them and the recipient. A row is delivered only while its call
 * is accepted, only from one party of it to the other; every other row is dropped and counted as
 * {@link MediaFanout#outsideCall()}. A row committed after the call's end is dropped because the stream
 * delivers it after the end, which the relay has applied by then.
 *
 * <p>"Nothing arrived" is proven by order, not by waiting: after a dropped row, a row that must be delivered
 * goes to the same recipient, and the recipient's next frame must be that one.
 */
class MediaFanoutIT {

    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("fanout_test");

    @Test
    void rowsAreDeliveredOnlyBetweenThePartiesOfAnAcceptedCall() throws Exception {
        try (SimulatedClient alice = relay.user("fa"); SimulatedClient bob = relay.user("fb");
             SimulatedClient mallory = relay.user("fm"); SimulatedClient carol = relay.user("fc")) {
            long call = SimulatedClient.establishCall(alice, bob);

            // the path works: both kinds, either direction, stamped with the row's sender
            insertVideo("fa", "fb", call, 1);
            expectNext(bob, MediaKind.VIDEO_JPEG, call, 1, "fa");
            insertAudio("fb", "fa", call, 2);
            expectNext(alice, MediaKind.AUDIO_PCM16LE, call, 2, "fb");

            // a stranger's row into the call
            dropped(() -> insertVideo("fm", "fb", call, 3));
            dropped(() -> insertAudio("fm", "fb", call, 4));
            insertVideo("fa", "fb", call, 5);
            expectNext(bob, MediaKind.VIDEO_JPEG, call, 5, "fa");

            // a party's row to someone who is not the other party
            dropped(() -> insertVideo("fa", "fm", call, 6));
            dropped(() -> insertAudio("fb", "fm", call, 7));
            // a row naming a call that does not exist, between the right people
            dropped(() -> insertVideo("fa", "fb", call + 1_000, 8));
            insertVideo("fa", "fb", call, 9);
            expectNext(bob, MediaKind.VIDEO_JPEG, call, 9, "fa");
            assertThat(mallory.nextMedia(Duration.ofMillis(200))).as("mallory's media").isNull();

            // a ringing call is not an accepted one
            mallory.sendControl(new CallStart("fc"));
            long ringing = carol.awaitControl(CallUpdate.class,
                    u -> u.state() == CallState.RINGING && "fc".equals(u.callee()), T).callId();
            dropped(() -> insertVideo("fm", "fc", ringing, 10));
            dropped(() -> insertAudio("fc", "fm", ringing, 11));
            mallory.sendControl(new CallHangup(ringing));
            carol.awaitControl(CallUpdate.class, u -> u.callId() == ringing && u.state() == CallState.CANCELLED, T);
            assertThat(carol.nextMedia(Duration.ofMillis(200))).as("carol's media").isNull();
            assertThat(mallory.nextMedia(Duration.ofMillis(200))).as("mallory's media").isNull();
        }
    }

    @Test
    void aRowCommittedAfterTheCallEndedIsDropped() throws Exception {
        try (SimulatedClient alice = relay.user("ea"); SimulatedClient bob = relay.user("eb")) {
            long call = SimulatedClient.establishCall(alice, bob);
            insertVideo("ea", "eb", call, 1);
            expectNext(bob, MediaKind.VIDEO_JPEG, call, 1, "ea");

            alice.sendControl(new CallHangup(call));
            bob.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ENDED, T);
            alice.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ENDED, T);
            // the very rows that were delivered a moment ago, now after the end
            dropped(() -> insertVideo("ea", "eb", call, 2));
            dropped(() -> insertAudio("ea", "eb", call, 3));
            dropped(() -> insertAudio("eb", "ea", call, 4));

            // a new call between the same two: its rows arrive, and they are the first thing that does
            long next = SimulatedClient.establishCall(bob, alice);
            insertVideo("ea", "eb", next, 5);
            expectNext(bob, MediaKind.VIDEO_JPEG, next, 5, "ea");
            insertAudio("eb", "ea", next, 6);
            expectNext(alice, MediaKind.AUDIO_PCM16LE, next, 6, "eb");
            alice.sendControl(new CallHangup(next));
            bob.awaitControl(CallUpdate.class, u -> u.callId() == next && u.state() == CallState.ENDED, T);
        }
    }

    private interface Insert {
        void run() throws Exception;
    }

    /** Runs {@code insert} and waits until the fan-out has dropped exactly that one row. */
    private static void dropped(Insert insert) throws Exception {
        MediaFanout fanout = relay.relay().fanout();
        long before = fanout.outsideCall();
        long deliveredBefore = fanout.delivered();
        insert.run();
        long deadline = System.nanoTime() + T.toNanos();
        while (fanout.outsideCall() == before && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(fanout.outsideCall()).as("rows dropped by the fan-out").isEqualTo(before + 1);
        assertThat(fanout.delivered()).as("rows delivered meanwhile").isEqualTo(deliveredBefore);
    }

    private static void expectNext(SimulatedClient c, MediaKind kind, long call, long seq, String from)
            throws Exception {
        Received r = c.nextMedia(T);
        assertThat(r).as("a frame for %s", c.signedIn().user()).isNotNull();
        assertThat(r.frame().header().kind()).isEqualTo(kind);
        assertThat(r.frame().header().callId()).isEqualTo(call);
        assertThat(r.frame().header().seq()).as("the next frame's seq").isEqualTo(seq);
        assertThat(r.frame().header().peer()).isEqualTo(from);
        byte[] expected = kind == MediaKind.VIDEO_JPEG ? TestMedia.jpeg(500, seq) : TestMedia.pcm(160, seq);
        assertThat(TestMedia.bytes(r.frame().payload())).isEqualTo(expected);
    }

    private static void insertVideo(String sender, String recipient, long call, long seq) throws Exception {
        insert("INSERT INTO video_frames (sender, recipient, call_id, seq, capture_us, width, height, payload) "
                + "VALUES (?, ?, ?, ?, ?, 640, 360, ?)", sender, recipient, call, seq, TestMedia.jpeg(500, seq));
    }

    private static void insertAudio(String sender, String recipient, long call, long seq) throws Exception {
        insert("INSERT INTO audio_frames (sender, recipient, call_id, seq, capture_us, sample_rate, channels, payload) "
                + "VALUES (?, ?, ?, ?, ?, 16000, 1, ?)", sender, recipient, call, seq, TestMedia.pcm(160, seq));
    }

    private static void insert(String sql, String sender, String recipient, long call, long seq, byte[] payload)
            throws Exception {
        try (Connection c = relay.database().pool().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, sender);
            ps.setString(2, recipient);
            ps.setLong(3, call);
            ps.setLong(4, seq);
            ps.setLong(5, System.currentTimeMillis() * 1000);
            ps.setBytes(6, payload);
            ps.executeUpdate();
        }
    }
}
