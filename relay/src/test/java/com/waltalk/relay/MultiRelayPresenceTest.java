package com.waltalk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.protocol.control.Directory;
import com.waltalk.relay.bench.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.EmbeddedDatabase;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two relays on one PostgreSQL, each with its own slot — relay A in this JVM, relay B a real
 * `relay serve` process: presence, calls, media and chat cross between them; a disconnect is seen
 * everywhere within a second; a relay killed with SIGKILL leaves no ghosts once its lease runs out.
 */
class MultiRelayPresenceTest {

    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static EmbeddedDatabase db;
    static Relay a;

    @BeforeAll
    static void start() throws Exception {
        db = EmbeddedDatabase.start(dir.resolve("pg"), "1GB");
        a = Relay.start(RelaySettings.forLoopback(dir.resolve("unused"), "relay_a")
                .withDatabase(db.jdbcUrl(), db.user(), null)
                .withTimeouts(RelaySettings.Timeouts.DEFAULT.withLease(Duration.ofSeconds(1), Duration.ofSeconds(4))));
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static void awaitPresence(SimulatedClient c, String user, String status, Duration timeout)
            throws Exception {
        c.awaitStatus(user, status, timeout);
    }

    @Test
    void callMediaChatAndPresenceCrossRelays() throws Exception {
        try (ChildRelay b = ChildRelay.start(db.jdbcUrl(), db.user(), "relay_b");
             SimulatedClient carol = SimulatedClient.signIn(a.webSocketUri(), "carol");
             SimulatedClient alice = SimulatedClient.signIn(a.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(b.uri(), "bob")) {
            awaitPresence(carol, "bob", "online", T);

            long call = SimulatedClient.establishCall(alice, bob);
            awaitPresence(carol, "bob", "in_call", T);
            awaitPresence(carol, "alice", "in_call", T);

            byte[] video = TestMedia.jpeg(30_000, 9);
            byte[] audio = TestMedia.pcm(320, 10);
            alice.sendMedia(TestMedia.video(call, 0, "bob"), ByteBuffer.wrap(video));
            bob.sendMedia(TestMedia.audio(call, 0, "alice"), ByteBuffer.wrap(audio));
            var atBob = bob.nextMedia(T);
            var atAlice = alice.nextMedia(T);
            assertThat(TestMedia.bytes(atBob.frame().payload())).isEqualTo(video);
            assertThat(atBob.frame().header().peer()).isEqualTo("alice");
            assertThat(TestMedia.bytes(atAlice.frame().payload())).isEqualTo(audio);

            alice.sendControl(new ChatSend("bob", "hello across relays", "m1"));
            Chat got = bob.awaitControl(Chat.class, c -> c.clientMsgId() != null && c.clientMsgId().equals("m1"), T);
            assertThat(got.from()).isEqualTo("alice");
            assertThat(got.body()).isEqualTo("hello across relays");
            bob.sendControl(new ChatSend("alice", "and back", "m2"));
            alice.awaitControl(Chat.class, c -> "and back".equals(c.body()), T);

            alice.sendControl(new CallHangup(call));
            awaitPresence(carol, "bob", "online", T);

            // a disconnect on relay B is seen by carol on relay A within a second
            long t0 = System.nanoTime();
            bob.close();
            awaitPresence(carol, "bob", "offline", T);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRelayKilledWithSigkillLeavesNoGhostsAndRestartsClean() throws Exception {
        ChildRelay b = ChildRelay.start(db.jdbcUrl(), db.user(), "relay_k");
        try (SimulatedClient carol = SimulatedClient.signIn(a.webSocketUri(), "carol2")) {
            SimulatedClient dave = SimulatedClient.signIn(b.uri(), "dave");
            awaitPresence(carol, "dave", "online", T);
            b.kill();
            // relay A expires the dead relay's presence once its lease (4 s here) has run out
            long t0 = System.nanoTime();
            awaitPresence(carol, "dave", "offline", Duration.ofSeconds(15));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            assertThat(presenceRowsOf("relay_k")).isZero();
            dave.close();

            // the crashed relay comes back on the same slot and serves again
            b = ChildRelay.start(db.jdbcUrl(), db.user(), "relay_k");
            try (SimulatedClient daveAgain = SimulatedClient.signIn(b.uri(), "dave")) {
                awaitPresence(carol, "dave", "online", T);
                Directory directory = daveAgain.awaitControl(Directory.class, d -> true, T);
                assertThat(directory.users()).anySatisfy(e -> {
                    assertThat(e.user()).isEqualTo("carol2");
                    assertThat(e.status()).isEqualTo("online");
                });
            }
        } finally {
            b.close();
        }
    }

    private static long presenceRowsOf(String relayId) throws Exception {
        try (Connection c = a.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM presence WHERE relay_id = ?")) {
            ps.setString(1, relayId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
