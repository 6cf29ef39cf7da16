package com.waltalk.relay.session;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.testing.SimulatedClient;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a specific error (and, where it must, a closed connection); it never crashes the
 * relay, never reaches the database, and never disturbs other clients.
 */
class MalformedInputIT {

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("malformed_test");

    private static String errorCodeAfter(SimulatedClient c, Runnable send) throws InterruptedException {
        send.run();
        ErrorMessage e = c.nextError(Duration.ofSeconds(5));
        assertThat(e).as("an error reply").isNotNull();
        return e.code();
    }

    @Test
    void eachMalformedMessageGetsItsOwnErrorCode() throws Exception {
        try (SimulatedClient c = relay.user("mallory")) {
            byte[] valid = TestMedia.bytes(MediaCodec.encode(TestMedia.video(1, 1, "bob"),
                    ByteBuffer.wrap(TestMedia.jpeg(1000, 1))));

            assertThat(errorCodeAfter(c, () -> c.sendRaw(ByteBuffer.wrap(new byte[] {1, 1})))).isEqualTo("truncated");
            byte[] badVersion = valid.clone();
            badVersion[0] = 9;
            assertThat(errorCodeAfter(c, () -> c.sendRaw(ByteBuffer.wrap(badVersion)))).isEqualTo("bad_version");
            byte[] badKind = valid.clone();
            badKind[1] = 77;
            assertThat(errorCodeAfter(c, () -> c.sendRaw(ByteBuffer.wrap(badKind)))).isEqualTo("unknown_kind");
            byte[] truncated = java.util.Arrays.copyOf(valid, 33);
            assertThat(errorCodeAfter(c, () -> c.sendRaw(ByteBuffer.wrap(truncated)))).isEqualTo("truncated");
            byte[] notJpeg = valid.clone();
            notJpeg[valid.length - 1000] = 0;
            assertThat(errorCodeAfter(c, () -> c.sendRaw(ByteBuffer.wrap(notJpeg)))).isEqualTo("bad_field");
            assertThat(errorCodeAfter(c, () -> c.sendRaw("{not json"))).isEqualTo("bad_json");
            assertThat(errorCodeAfter(c, () -> c.sendRaw("{\"type\":\"teleport\"}"))).isEqualTo("unknown_type");
            assertThat(errorCodeAfter(c, () -> c.sendRaw("{\"type\":\"hello\",\"protocol\":\"one\",\"user\":\"x\"}")))
                    .isEqualTo("bad_field");
            assertThat(errorCodeAfter(c, () -> c.sendRaw("x".repeat(20_000)))).isEqualTo("too_large");
            assertThat(errorCodeAfter(c, () -> c.sendControl(new Hello(ProtocolVersion.CURRENT, null))))
                    .isEqualTo("already_signed_in");

            // still connected and served
            c.sendControl(new Ping(99));
            assertThat(c.awaitControl(Pong.class, p -> p.id() == 99, Duration.ofSeconds(5))).isEqualTo(new Pong(99));
        }
    }

    @Test
    void mediaBeforeSignInIsRefused() throws Exception {
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            assertThat(errorCodeAfter(c, () -> c.sendMedia(TestMedia.video(1, 1, "bob"),
                    ByteBuffer.wrap(TestMedia.jpeg(500, 2)))))
                    .isEqualTo("not_signed_in");
        }
    }

    @Test
    void unsupportedProtocolVersionIsRefusedAndClosed() throws Exception {
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            c.sendControl(new Hello(42, null));
            ErrorMessage e = c.nextError(Duration.ofSeconds(5));
            assertThat(e.code()).isEqualTo("bad_version");
            assertThat(e.fatal()).isTrue();
            assertThat(c.awaitClosed(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void oversizedMessageClosesTheConnectionWith1009() throws Exception {
        try (SimulatedClient c = relay.user("bigsender")) {
            c.sendRaw(ByteBuffer.wrap(new byte[1024 * 1024]));
            assertThat(c.awaitClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(c.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void repeatedGarbageGetsTheClientDisconnectedAndNothingReachesTheDatabaseOrOthers() throws Exception {
        try (SimulatedClient alice = relay.user("alice2");
             SimulatedClient bob = relay.user("bob2");
             SimulatedClient abuser = relay.user("abuser")) {
            long call = SimulatedClient.establishCall(alice, bob);
            Random random = new Random(7);
            ErrorMessage last = null;
            int sent = 0;
            while (abuser.isOpen() && sent < 100 && (last == null || !last.fatal())) {
                byte[] junk = new byte[3 + random.nextInt(2000)];
                random.nextBytes(junk);
                // version 1 and a known kind, so the header is parsed; a non-zero flags byte makes sure the frame
                // can never be valid by chance (valid-looking media outside a call is answered only once a
                // second, which FuzzIT covers)
                junk[0] = 1;
                junk[1] = 1;
                junk[2] = (byte) 0x80;
                abuser.sendRaw(ByteBuffer.wrap(junk));
                sent++;
                last = abuser.nextError(Duration.ofSeconds(5));
                assertThat(last).as("every bad frame is answered").isNotNull();
            }
            assertThat(last.fatal()).isTrue();
            assertThat(sent).as("tolerated errors before disconnect").isEqualTo(21);
            assertThat(abuser.awaitClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(abuser.closeCode()).isEqualTo(1008);
            assertThat(rowsFrom("abuser")).as("no garbage stored").isZero();

            byte[] jpeg = TestMedia.jpeg(20_000, 3);
            alice.sendMedia(TestMedia.video(call, 0, "bob2"), ByteBuffer.wrap(jpeg));
            var r = bob.nextMedia(Duration.ofSeconds(10));
            assertThat(r).isNotNull();
            assertThat(TestMedia.bytes(r.frame().payload())).isEqualTo(jpeg);
            assertThat(relay.relay().replication().isConnected()).isTrue();
        }
    }

    private static long rowsFrom(String sender) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT (SELECT count(*) FROM video_frames WHERE sender = ?)"
                     + " + (SELECT count(*) FROM audio_frames WHERE sender = ?)")) {
            ps.setString(1, sender);
            ps.setString(2, sender);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
