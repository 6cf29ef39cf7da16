package com.waltalk.relay.session;

import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignOut;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.SimulatedClient.Received;
import com.waltalk.relay.config.RelaySettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Per-connection limits against a real relay: media and control rate limits (what is over the limit
 * is refused with {@code retryAfterMs} and never stored), the abuse limit (close 1008), what an
 * unauthenticated connection may do, and the sign-in timeout.
 */
class LimitsIT {

    /** Short, so the timeout test stays quick; long enough for a bcrypt registration on a busy machine. */
    private static final Duration SIGN_IN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("limits_test")
            // rows must outlive the test's counting
            .withTtl(Duration.ofMinutes(5), Duration.ofMinutes(1))
            .withTimeouts(RelaySettings.Timeouts.DEFAULT.withSignIn(SIGN_IN_TIMEOUT));

    /** Everything the client has been sent within {@code window}, in order. */
    private static List<ControlMessage> drain(SimulatedClient c, Duration window) throws InterruptedException {
        List<ControlMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            ControlMessage m = c.nextControl(Duration.ofMillis(50));
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<ErrorMessage> errors(List<ControlMessage> messages, String code) {
        return messages.stream().filter(m -> m instanceof ErrorMessage e && e.code().equals(code))
                .map(ErrorMessage.class::cast).toList();
    }

    private static long rows(String table, String sender, long callId) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table
                     + " WHERE sender = ? AND call_id = ?")) {
            ps.setString(1, sender);
            ps.setLong(2, callId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until {@code rows} stops changing, then returns it. */
    private static long settledRows(String table, String sender, long callId) throws Exception {
        long last = -1;
        long now = rows(table, sender, callId);
        while (now != last) {
            Thread.sleep(300);
            last = now;
            now = rows(table, sender, callId);
        }
        return now;
    }

    private static int receivedFrom(SimulatedClient c, int atLeast) throws InterruptedException {
        int n = 0;
        long deadline = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < deadline) {
            Received r = c.nextMedia(Duration.ofMillis(n >= atLeast ? 500 : 200));
            if (r == null) {
                if (n >= atLeast) {
                    break;
                }
                continue;
            }
            n++;
        }
        return n;
    }

    @Test
    void videoOverItsRateIsRefusedOnceASecondAndNeverStoredOrDelivered() throws Exception {
        try (SimulatedClient alice = relay.user("lv_alice"); SimulatedClient bob = relay.user("lv_bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            int sent = 60;
            long start = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                alice.sendMedia(TestMedia.video(call, i, "lv_bob"), ByteBuffer.wrap(TestMedia.jpeg(2_000, i)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<ControlMessage> replies = drain(alice, Duration.ofMillis(700));

            long stored = settledRows("video_frames", "lv_alice", call);
            // burst 30, refilling at 30/s while the relay reads them (a slow machine may read them more slowly)
            assertThat(stored).as("burst is 30 frames (sent in %.3f s)", seconds).isGreaterThanOrEqualTo(30)
                    .isLessThanOrEqualTo(45);
            assertThat(receivedFrom(bob, (int) stored)).as("only stored frames are delivered").isEqualTo(stored);

            List<ErrorMessage> limited = errors(replies, "rate_limited");
            assertThat(limited).as("refused video frames are answered rate_limited").isNotEmpty();
            assertThat(limited.get(0).retryAfterMs()).isNotNull().isBetween(1L, 1_000L);
            assertThat(limited.get(0).fatal()).isFalse();
            // PROTOCOL: "for media frames, at most about once a second"; and a burst is not abuse
            assertThat(limited).as("media rate_limited answers, at most about once a second").hasSize(1);
            assertThat(alice.isOpen()).as("a burst of media is not abuse").isTrue();

            // after waiting, frames flow again
            Thread.sleep(1_100);
            for (int i = 0; i < 10; i++) {
                alice.sendMedia(TestMedia.video(call, 100 + i, "lv_bob"), ByteBuffer.wrap(TestMedia.jpeg(2_000, i)));
                Thread.sleep(40);
            }
            assertThat(receivedFrom(bob, 10)).isEqualTo(10);
            assertThat(settledRows("video_frames", "lv_alice", call)).isEqualTo(stored + 10);
            assertThat(errors(drain(alice, Duration.ofMillis(200)), "rate_limited")).isEmpty();
        }
    }

    @Test
    void audioOverItsRateIsRefusedAndNeverStored() throws Exception {
        try (SimulatedClient alice = relay.user("la_alice"); SimulatedClient bob = relay.user("la_bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            int sent = 250;
            long start = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                alice.sendMedia(TestMedia.audio(call, i, "la_bob"), ByteBuffer.wrap(TestMedia.pcm(160, i)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<ControlMessage> replies = drain(alice, Duration.ofMillis(700));

            long stored = settledRows("audio_frames", "la_alice", call);
            assertThat(stored).as("burst is 100 frames (sent in %.3f s)", seconds).isGreaterThanOrEqualTo(100)
                    .isLessThanOrEqualTo(150);
            assertThat(receivedFrom(bob, (int) stored)).isEqualTo(stored);
            List<ErrorMessage> limited = errors(replies, "rate_limited");
            assertThat(limited).hasSize(1);
            assertThat(limited.get(0).retryAfterMs()).isNotNull().isBetween(1L, 1_000L);
            assertThat(alice.isOpen()).isTrue();
        }
    }

    /**
     * An audio frame of 17 KiB is under what the transport accepts (a video frame may be 256 KiB) but
     * over audio's own limit: the relay answers too_large, stores and delivers nothing, and the
     * connection goes on.
     */
    @Test
    void anAudioFrameOverItsSizeLimitIsTooLargeAndNeitherStoredNorDelivered() throws Exception {
        try (SimulatedClient alice = relay.user("lo_alice"); SimulatedClient bob = relay.user("lo_bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            // the codec refuses to encode it: a valid 16 KiB frame with 1 KiB (512 more samples) appended
            ByteBuffer valid = com.waltalk.protocol.media.MediaCodec.encode(TestMedia.audio(call, 1, "lo_bob"),
                    ByteBuffer.wrap(TestMedia.pcm(com.waltalk.protocol.Limits.MAX_AUDIO_PAYLOAD / 2, 1)));
            ByteBuffer oversized = ByteBuffer.allocate(valid.remaining() + 1024).put(valid)
                    .put(TestMedia.pcm(512, 2)).flip();
            assertThat(oversized.remaining() - 32 - "lo_bob".length()).isEqualTo(17 * 1024);
            alice.sendRaw(oversized);
            ErrorMessage e = alice.nextError(T);
            assertThat(e).as("an answer to the oversized frame").isNotNull();
            assertThat(e.code()).isEqualTo("too_large");
            assertThat(e.fatal()).isFalse();
            assertThat(bob.nextMedia(Duration.ofMillis(500))).isNull();
            assertThat(rows("audio_frames", "lo_alice", call)).isZero();

            alice.sendMedia(TestMedia.audio(call, 2, "lo_bob"), ByteBuffer.wrap(TestMedia.pcm(160, 3)));
            assertThat(bob.nextMedia(T)).as("the connection goes on").isNotNull();
            assertThat(alice.isOpen()).isTrue();
        }
    }

    /**
     * Sends {@code perSecond} frames a second, paced by elapsed time (a stalled sender catches up), until
     * {@code duration} has passed or the relay closed the connection; returns the seconds it ran.
     */
    private static double stream(SimulatedClient c, double perSecond, Duration duration,
                                 java.util.function.LongFunction<ByteBuffer> frame) throws InterruptedException {
        long start = System.nanoTime();
        long sent = 0;
        while (c.isOpen() && System.nanoTime() - start < duration.toNanos()) {
            long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
            try {
                for (; sent < due && c.isOpen(); sent++) {
                    c.sendRaw(frame.apply(sent));
                }
            } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closed) {
                break;
            }
            Thread.sleep(5);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static ByteBuffer videoFrame(long seq) {
        return com.waltalk.protocol.media.MediaCodec.encode(TestMedia.video(424_242, seq, "nobody"),
                ByteBuffer.wrap(TestMedia.jpeg(300, seq)));
    }

    private static ByteBuffer audioFrame(long seq) {
        return com.waltalk.protocol.media.MediaCodec.encode(TestMedia.audio(424_242, seq, "nobody"),
                ByteBuffer.wrap(TestMedia.pcm(160, seq)));
    }

    /**
     * Repeated abuse ends the connection for media too: frames at well over twice the rate limit
     * (150 video frames a second against a limit of 30) for ten seconds close it (1008) with a
     * fatal rate_limited error that says why — but not before ten seconds.
     */
    @Test
    void aSustainedMediaFloodIsAbuseThatCloses1008() throws Exception {
        try (SimulatedClient flooder = relay.user("lm_flooder")) {
            // on a loaded machine a stalled sender may miss a second's quota and restart the count: allow for it
            double ran = stream(flooder, 150, Duration.ofSeconds(40), LimitsIT::videoFrame);
            assertThat(flooder.awaitClosed(T)).as("closed by the relay within %.1f s", ran).isTrue();
            assertThat(flooder.closeCode()).isEqualTo(1008);
            assertThat(flooder.closeReason()).isEqualTo("rate_limited");
            assertThat(ran).as("closed after ten flooded seconds, not before").isGreaterThanOrEqualTo(9.0);
            List<ErrorMessage> seen = flooder.errorsSeen();
            ErrorMessage last = seen.get(seen.size() - 1);
            assertThat(last.code()).isEqualTo("rate_limited");
            assertThat(last.fatal()).isTrue();
            assertThat(last.message()).contains("media flood").contains("video");
            assertThat(seen.subList(0, seen.size() - 1)).as("the answers before it")
                    .allSatisfy(e -> assertThat(e.fatal()).isFalse());
        }
    }

    /**
     * A client whose queue flushes after a long network stall sends far over the limit at once, then
     * goes on at its normal rate: it loses the frames over the limit, never the connection. The burst
     * here is a minute of the app's audio and twenty seconds of its video at once.
     */
    @Test
    void aHugeBurstAfterAStallIsNotAFloodAndTheConnectionStays() throws Exception {
        try (SimulatedClient burster = relay.user("lm_burster")) {
            for (int i = 0; i < 3_000; i++) {
                burster.sendRaw(audioFrame(i));
            }
            for (int i = 0; i < 300; i++) {
                burster.sendRaw(videoFrame(i));
            }
            // then the app's own rates (50 audio, 15 video a second) for longer than the flood rule looks
            Thread audio = new Thread(() -> {
                try {
                    stream(burster, 50, Duration.ofSeconds(12), seq -> audioFrame(10_000 + seq));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            audio.start();
            stream(burster, 15, Duration.ofSeconds(12), seq -> videoFrame(10_000 + seq));
            audio.join();
            assertThat(burster.isOpen()).isTrue();
            burster.sendControl(new Ping(99));
            assertThat(burster.awaitControl(Pong.class, p -> p.id() == 99, T)).isNotNull();
            assertThat(burster.errorsSeen()).as("only non-fatal answers")
                    .allSatisfy(e -> assertThat(e.fatal()).isFalse())
                    .anyMatch(e -> e.code().equals("rate_limited"));
        }
    }

    @Test
    void aControlFloodIsRateLimitedAndKeepingItUpIsAbuseThatCloses1008() throws Exception {
        try (SimulatedClient c = relay.user("lc_flood")) {
            // burst 40 at 20/s: 60 at once leave some over the limit, but no more than the 20 errors tolerated
            int sent = 60;
            for (int i = 0; i < sent; i++) {
                c.sendControl(new Ping(i));
            }
            List<ControlMessage> replies = drain(c, Duration.ofMillis(700));
            long pongs = replies.stream().filter(m -> m instanceof Pong).count();
            List<ErrorMessage> limited = errors(replies, "rate_limited");
            assertThat(pongs).isBetween(40L, sent - 1L);
            assertThat(limited).hasSize((int) (sent - pongs));
            assertThat(limited).allSatisfy(e -> {
                assertThat(e.fatal()).isFalse();
                assertThat(e.retryAfterMs()).isNotNull().isBetween(1L, 1_000L);
            });
            assertThat(c.isOpen()).isTrue();
        }
        try (SimulatedClient c = relay.user("lc_abuser")) {
            for (int i = 0; i < 100 && c.isOpen(); i++) {
                try {
                    c.sendControl(new Ping(i));
                } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closed) {
                    break;
                }
            }
            assertThat(c.awaitClosed(T)).isTrue();
            assertThat(c.closeCode()).isEqualTo(1008);
            List<ErrorMessage> seen = c.errorsSeen();
            assertThat(seen).hasSizeGreaterThanOrEqualTo(21);
            // 20 errors are tolerated within the window, the 21st is fatal
            assertThat(seen.subList(0, 20)).allSatisfy(e -> assertThat(e.fatal()).isFalse());
            assertThat(seen.get(20).fatal()).isTrue();
            assertThat(seen.get(20).code()).isEqualTo("rate_limited");
        }
    }

    @Test
    void chatOverItsRateIsRefusedWithRetryAfterAndNotStored() throws Exception {
        try (SimulatedClient a = relay.user("lch_a"); SimulatedClient b = relay.user("lch_b")) {
            for (int i = 0; i < 16; i++) {
                a.sendControl(new ChatSend("lch_b", "message " + i, "m-" + i));
            }
            List<ControlMessage> replies = drain(a, Duration.ofMillis(1_000));
            List<ErrorMessage> limited = errors(replies, "rate_limited");
            assertThat(limited).isNotEmpty();
            assertThat(limited).allSatisfy(e -> assertThat(e.retryAfterMs()).isNotNull().isBetween(1L, 1_000L));
            long stored;
            try (Connection c = relay.database().pool().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM chat_messages WHERE sender = 'lch_a'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
            }
            assertThat(stored).as("burst of 10 (plus what refilled meanwhile)").isBetween(10L, 13L);
            assertThat(stored + limited.size()).isEqualTo(16);
        }
    }

    /**
     * A message sent in fragments is bounded like one sent whole: a client that keeps sending non-final
     * continuation frames must be closed (1009) once the message passes the limit, not buffered without end.
     */
    @Test
    void aFragmentedMessageOverTheLimitIsClosed1009() throws Exception {
        try (Socket s = rawWebSocket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // a binary message in 64 KiB fragments, never final: 8 MiB in all, 32 times the largest message
            byte[] mask = {1, 2, 3, 4};
            byte[] chunk = new byte[65_535];
            int closeCode = -1;
            try {
                for (int i = 0; i < 128; i++) {
                    out.write(i == 0 ? 0x02 : 0x00);
                    out.write(0x80 | 126);
                    out.write(new byte[] {(byte) 0xFF, (byte) 0xFF});
                    out.write(mask);
                    out.write(chunk);
                }
                out.flush();
                // the relay's answer, before the sign-in timeout (which would close the connection anyway)
                closeCode = closeFrameCode(in);
            } catch (java.net.SocketException reset) {
                closeCode = 0; // reset while still writing: the relay's lingering close exists to prevent it
            }
            assertThat(closeCode).as("close code (0: reset while sending)").isEqualTo(1009);
        }
        assertThat(relay.relay().replication().isConnected()).isTrue();
    }

    /** Reads server frames (unmasked, short) up to a close frame; returns its code, or -1 on EOF. */
    /** RFC 6455 section 5.1: a server must close the connection when a client sends an unmasked frame. */
    @Test
    void anUnmaskedClientFrameIsAProtocolErrorClosed1002() throws Exception {
        try (Socket s = rawWebSocket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] hello = "{\"type\":\"hello\",\"protocol\":1,\"client\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            out.write(0x81);
            out.write(hello.length); // no mask bit
            out.write(hello);
            out.flush();
            assertThat(closeFrameCode(in)).isEqualTo(1002);
        }
    }

    /** A TCP connection to the relay that has completed the WebSocket handshake by hand (no client library). */
    private static Socket rawWebSocket() throws java.io.IOException {
        InetSocketAddress a = relay.relay().webSocketAddress();
        Socket s = new Socket(a.getAddress(), a.getPort());
        s.setSoTimeout(5_000);
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int c = s.getInputStream().read();
            if (c < 0) {
                throw new java.io.EOFException("relay closed during the handshake: " + headers);
            }
            headers.append((char) c);
        }
        assertThat(headers.toString()).startsWith("HTTP/1.1 101");
        return s;
    }

    private static int closeFrameCode(InputStream in) throws java.io.IOException {
        while (true) {
            int b0 = in.read();
            int len = in.read();
            if (b0 < 0 || len < 0) {
                return -1;
            }
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            }
            byte[] payload = in.readNBytes(len);
            if ((b0 & 0x0F) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
            if ((b0 & 0x0F) == 0x1) {
                assertThat(new String(payload, StandardCharsets.UTF_8)).as("sent before the close")
                        .doesNotContain("sign_in_timeout");
            }
        }
    }

    @Test
    void beforeSignInOnlyHelloPingRegisterAndSignInAreAccepted() throws Exception {
        try (SimulatedClient c = SimulatedClient.connect(relay.webSocketUri())) {
            // before hello
            for (ControlMessage m : List.<ControlMessage>of(new CallStart("somebody"),
                    new ChatSend("somebody", "hi", null), SignIn.withPassword("x_user", "whatever1"))) {
                c.sendControl(m);
                ErrorMessage e = c.nextError(T);
                assertThat(e).as("answer to %s", m.type()).isNotNull();
                assertThat(e.code()).as("answer to %s", m.type()).isEqualTo("not_signed_in");
                assertThat(e.fatal()).isFalse();
            }
            c.sendControl(new Ping(7));
            assertThat(c.awaitControl(Pong.class, p -> p.id() == 7, T)).isNotNull();
            c.sendMedia(TestMedia.video(1, 1, "somebody"), ByteBuffer.wrap(TestMedia.jpeg(500, 1)));
            assertThat(c.nextError(T).code()).isEqualTo("not_signed_in");

            assertThat(c.hello()).isNotNull();
            // greeted, not signed in
            List<ControlMessage> refused = List.of(new CallStart("somebody"), new CallAccept(1), new CallHangup(1),
                    new MediaState(1, false, true), new ChatSend("somebody", "hi", "c-1"), new SignOut());
            for (ControlMessage m : refused) {
                c.sendControl(m);
                ErrorMessage e = c.nextError(T);
                assertThat(e).as("answer to %s", m.type()).isNotNull();
                assertThat(e.code()).as("answer to %s", m.type()).isEqualTo("not_signed_in");
            }
            c.sendMedia(TestMedia.audio(1, 1, "somebody"), ByteBuffer.wrap(TestMedia.pcm(160, 1)));
            assertThat(c.nextError(T).code()).isEqualTo("not_signed_in");
            c.sendControl(new Hello(ProtocolVersion.CURRENT, null));
            assertThat(c.nextError(T).code()).isEqualTo("already_signed_in");

            // none of it did anything
            try (Connection db = relay.database().pool().getConnection();
                 PreparedStatement ps = db.prepareStatement("SELECT (SELECT count(*) FROM calls WHERE callee = 'somebody')"
                         + " + (SELECT count(*) FROM chat_messages WHERE recipient = 'somebody')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }

            // and the same connection can still sign in
            c.sendControl(new Register("lu_late", SimulatedClient.defaultPassword("lu_late")));
            SignedIn in = c.awaitControl(SignedIn.class, s -> true, T);
            assertThat(in.user()).isEqualTo("lu_late");
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void aConnectionThatDoesNotSignInInTimeIsClosedAndFailedAttemptsDoNotExtendIt() throws Exception {
        try (SimulatedClient silent = SimulatedClient.connect(relay.webSocketUri());
             SimulatedClient greeted = SimulatedClient.connect(relay.webSocketUri());
             SimulatedClient signedIn = relay.user("lt_ok")) {
            long opened = System.nanoTime();
            Welcome w = greeted.hello();
            assertThat(w.registrationOpen()).isTrue();
            Thread.sleep(SIGN_IN_TIMEOUT.toMillis() / 2);
            greeted.sendControl(SignIn.withPassword("lt_ok", "not-the-password"));
            assertThat(greeted.nextError(T).code()).isEqualTo("bad_credentials");

            for (SimulatedClient c : List.of(silent, greeted)) {
                assertThat(c.awaitClosed(T)).isTrue();
                assertThat(c.closeCode()).isEqualTo(1008);
                List<ErrorMessage> seen = c.errorsSeen();
                ErrorMessage last = seen.get(seen.size() - 1);
                assertThat(last.code()).isEqualTo("sign_in_timeout");
                assertThat(last.fatal()).isTrue();
            }
            double elapsed = (System.nanoTime() - opened) / 1e9;
            assertThat(elapsed).as("closed at the timeout, not extended by the failed attempt")
                    .isLessThan(SIGN_IN_TIMEOUT.toMillis() / 1000.0 + 1.5);

            // a signed-in connection outlives the timeout
            Thread.sleep(Math.max(0, SIGN_IN_TIMEOUT.toMillis() - (System.nanoTime() - opened) / 1_000_000 + 300));
            assertThat(signedIn.isOpen()).isTrue();
            signedIn.sendControl(new Ping(5));
            assertThat(signedIn.awaitControl(Pong.class, p -> p.id() == 5, T)).isNotNull();
        }
    }

    @Test
    void mediaStateOutsideTheSendersAcceptedCallAndAStrangersMediaAreRefusedNotInCall() throws Exception {
        try (SimulatedClient alice = relay.user("ls_alice"); SimulatedClient bob = relay.user("ls_bob");
             SimulatedClient eve = relay.user("ls_eve")) {
            // a party, while the call only rings
            alice.sendControl(new CallStart("ls_bob"));
            long ringing = bob.awaitControl(com.waltalk.protocol.control.CallUpdate.class,
                    u -> u.state() == CallState.RINGING, T).callId();
            alice.sendControl(new MediaState(ringing, false, false));
            assertThat(alice.nextError(T).code()).isEqualTo("not_in_call");
            alice.sendControl(new CallHangup(ringing));
            alice.awaitControl(com.waltalk.protocol.control.CallUpdate.class,
                    u -> u.callId() == ringing && u.state() == CallState.CANCELLED, T);

            long call = SimulatedClient.establishCall(alice, bob);
            // a stranger, on someone else's call, and on a call that does not exist
            eve.sendControl(new MediaState(call, false, false));
            assertThat(eve.nextError(T).code()).isEqualTo("not_in_call");
            eve.sendControl(new MediaState(call + 1_000, false, false));
            assertThat(eve.nextError(T).code()).isEqualTo("not_in_call");
            try (Connection db = relay.database().pool().getConnection();
                 PreparedStatement ps = db.prepareStatement("SELECT caller_video AND caller_audio AND callee_video "
                         + "AND callee_audio FROM calls WHERE id = ?")) {
                ps.setLong(1, call);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("flags untouched").isTrue();
                }
            }
            eve.sendMedia(MediaHeader.video(call, 1, 0, 640, 360, "ls_bob"), ByteBuffer.wrap(TestMedia.jpeg(900, 1)));
            assertThat(eve.nextError(T).code()).isEqualTo("not_in_call");
            assertThat(bob.nextMedia(Duration.ofMillis(500))).isNull();
            assertThat(rows("video_frames", "ls_eve", call)).isZero();
        }
    }
}
