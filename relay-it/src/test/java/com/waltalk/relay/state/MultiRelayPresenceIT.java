package com.waltalk.relay.state;

import com.waltalk.testing.TestContacts;
import com.waltalk.relay.Relay;
import com.waltalk.testing.ChildRelay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Presence;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.EmbeddedDatabase;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two relays on one PostgreSQL, each with its own slot — relay A in this JVM, relay B a real
 * `relay serve` process: presence (on both), calls, media and chat cross between them; a disconnect
 * is seen everywhere within a second; a relay killed with SIGKILL leaves no ghosts, whether another
 * relay expires its lease or it restarts first; a second sign-in on another relay replaces the first
 * without a flicker and keeps the call; a live relay whose lease lapsed puts its users back.
 */
class MultiRelayPresenceIT {

    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static EmbeddedDatabase db;
    static Relay a;

    @BeforeAll
    static void start() throws Exception {
        db = EmbeddedDatabase.start(dir.resolve("pg"), "1GB");
        a = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("unused"), "relay_a")
                .withDatabase(db.jdbcUrl(), db.user(), null)
                .withTimeouts(RelaySettings.Timeouts.DEFAULT.withLease(Duration.ofSeconds(1), Duration.ofSeconds(4)))));
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
            // presence is right on both relays
            awaitPresence(carol, "bob", "in_call", T);
            awaitPresence(carol, "alice", "in_call", T);
            awaitPresence(bob, "alice", "in_call", T);
            awaitPresence(bob, "carol", "online", T);
            awaitPresence(alice, "bob", "in_call", T);

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
            awaitPresence(bob, "alice", "online", T);

            // a disconnect on relay A is seen by bob on relay B within a second, and the other way round
            long t0 = System.nanoTime();
            carol.close();
            awaitPresence(bob, "carol", "offline", T);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            long t1 = System.nanoTime();
            bob.close();
            awaitPresence(alice, "bob", "offline", T);
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(1));
        }
    }

    /**
     * The operator removes an account (here by SQL, as {@code relay user remove} does) that is signed in
     * on relay B, a separate process, while in a call with a user on relay A: B learns it from its own
     * stream and closes the session with {@code account_removed} / 4002; A's user sees the call ended by
     * the removed user at once (not after the reconnect grace) and the user offline.
     */
    @Test
    void removingAnAccountClosesItsSessionOnTheRelayItIsOnAndEndsItsCallEverywhere() throws Exception {
        try (ChildRelay b = ChildRelay.start(db.jdbcUrl(), db.user(), "relay_rm");
             SimulatedClient una = SimulatedClient.signIn(a.webSocketUri(), "una");
             SimulatedClient vic = SimulatedClient.signIn(b.uri(), "vic")) {
            long call = SimulatedClient.establishCall(una, vic);
            awaitPresence(una, "vic", "in_call", T);

            try (Connection c = a.database().pool().getConnection(); Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("DELETE FROM users WHERE name = 'vic'")).isEqualTo(1);
            }
            long removedAt = System.nanoTime();

            assertThat(vic.awaitClosed(T)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - removedAt)).isLessThan(Duration.ofSeconds(3));
            assertThat(vic.closeCode()).isEqualTo(4002);
            assertThat(vic.closeReason()).isEqualTo("account_removed");
            CallUpdate ended = una.awaitControl(CallUpdate.class,
                    u -> u.callId() == call && u.endedAtMicros() != null, T);
            assertThat(ended.state()).isEqualTo(CallState.ENDED);
            assertThat(ended.endedBy()).as("hung up at once, not after the reconnect grace").isEqualTo("vic");
            awaitPresence(una, "vic", "offline", T);
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
                Contacts directory = daveAgain.awaitControl(Contacts.class, d -> true, T);
                assertThat(directory.contacts()).anySatisfy(e -> {
                    assertThat(e.user()).isEqualTo("carol2");
                    assertThat(e.status().wire()).isEqualTo("online");
                });
            }
        } finally {
            b.close();
        }
    }

    /**
     * The crashed relay is the only one that can clean up after itself: the other relay's lease is an
     * hour, so nothing expires relay_k's rows. Restarted with the same id, relay_k removes its previous
     * run's presence before it serves anyone; its users' calls then end like after any disconnection,
     * once the reconnect grace has passed.
     */
    @Test
    void aRelayRestartedAfterSigkillClearsItsOwnGhostsBeforeAnyLeaseRunsOut(@TempDir Path own) throws Exception {
        try (EmbeddedDatabase db2 = EmbeddedDatabase.start(own.resolve("pg"), "1GB");
             Relay watcher = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(own.resolve("unused"), "relay_w")
                     .withDatabase(db2.jdbcUrl(), db2.user(), null)
                     .withTimeouts(RelaySettings.Timeouts.DEFAULT
                             .withLease(Duration.ofSeconds(1), Duration.ofHours(1))
                             .withReconnectGrace(Duration.ofSeconds(3)))));
             SimulatedClient carol = SimulatedClient.signIn(watcher.webSocketUri(), "carol");
             SimulatedClient fred = SimulatedClient.signIn(watcher.webSocketUri(), "fred")) {
            ChildRelay k = ChildRelay.start(db2.jdbcUrl(), db2.user(), "relay_k");
            try {
                SimulatedClient dave = SimulatedClient.signIn(k.uri(), "dave");
                SimulatedClient erin = SimulatedClient.signIn(k.uri(), "erin");
                long accepted = SimulatedClient.establishCall(carol, dave);
                erin.sendControl(new CallStart("fred"));
                long ringing = fred.awaitControl(CallUpdate.class, u -> u.state() == CallState.RINGING, T).callId();
                awaitPresence(carol, "dave", "in_call", T);
                awaitPresence(carol, "erin", "online", T);

                k.kill();
                dave.close();
                erin.close();
                // nobody else cleans up: a second later relay_k's users are still there, as ghosts
                Thread.sleep(1500);
                assertThat(presenceRowsOf(watcher, "relay_k")).isEqualTo(2);
                assertThat(carol.status("dave")).isEqualTo("in_call");
                assertThat(carol.status("erin")).isEqualTo("online");

                k = ChildRelay.start(db2.jdbcUrl(), db2.user(), "relay_k");
                long started = System.nanoTime();
                // the restarted relay removed its previous run's presence before it answered /healthz
                assertThat(presenceRowsOf(watcher, "relay_k")).isZero();
                awaitPresence(carol, "dave", "offline", T);
                awaitPresence(fred, "erin", "offline", T);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
                try (SimulatedClient gina = SimulatedClient.signIn(k.uri(), "gina")) {
                    Contacts directory = gina.awaitControl(Contacts.class, d -> true, T);
                    assertThat(directory.contacts()).filteredOn(e -> e.user().equals("dave") || e.user().equals("erin"))
                            .extracting(e -> e.status().wire()).containsExactly("offline", "offline");
                }

                // dave and erin do not come back within the grace (3 s): their calls end on their behalf
                CallUpdate ended = carol.awaitControl(CallUpdate.class,
                        u -> u.callId() == accepted && u.state() != CallState.ACCEPTED, Duration.ofSeconds(15));
                assertThat(ended.state()).isEqualTo(CallState.ENDED);
                assertThat(ended.endedBy()).isEqualTo("dave");
                CallUpdate cancelled = fred.awaitControl(CallUpdate.class,
                        u -> u.callId() == ringing && u.state() != CallState.RINGING, Duration.ofSeconds(15));
                assertThat(cancelled.state()).isEqualTo(CallState.CANCELLED);
                assertThat(cancelled.endedBy()).isEqualTo("erin");
                awaitPresence(fred, "carol", "online", T);
            } finally {
                k.close();
            }
        }
    }

    /**
     * dora signs in on relay A, takes a call, then signs in again on relay B: the stream tells A, which
     * closes its connection (session_replaced, 4000); nobody ever sees dora leave — not even a second
     * after the old connection closed — and the call goes on over the new connection with the same id.
     */
    @Test
    void signingInOnAnotherRelayReplacesTheOldConnectionAndTheCallGoesOnThere() throws Exception {
        try (ChildRelay b = ChildRelay.start(db.jdbcUrl(), db.user(), "relay_r");
             SimulatedClient jill = SimulatedClient.signIn(a.webSocketUri(), "jill");
             SimulatedClient kate = SimulatedClient.signIn(b.uri(), "kate");
             SimulatedClient doraOnA = SimulatedClient.signIn(a.webSocketUri(), "dora")) {
            long call = SimulatedClient.establishCall(kate, doraOnA);
            awaitPresence(jill, "dora", "in_call", T);
            awaitPresence(kate, "dora", "in_call", T);
            drainControl(jill);
            drainControl(kate);

            try (SimulatedClient doraOnB = SimulatedClient.signIn(b.uri(), "dora")) {
                ErrorMessage replaced = doraOnA.nextError(T);
                assertThat(replaced).isNotNull();
                assertThat(replaced.code()).isEqualTo("session_replaced");
                assertThat(replaced.fatal()).isTrue();
                assertThat(doraOnA.awaitClosed(T)).isTrue();
                assertThat(doraOnA.closeCode()).isEqualTo(4000);
                long closedAt = System.nanoTime();

                // the new connection learns of the accepted call, and it is dora's on both relays
                assertThat(doraOnB.acceptedCallFromHistory()).isEqualTo(call);
                assertThat(presenceOf("dora")).isEqualTo("relay_r");

                // no status change for dora on either relay, up to a second after the old connection closed
                long until = closedAt + Duration.ofSeconds(1).toNanos();
                assertThat(statusesOf(jill, "dora", until)).isEmpty();
                assertThat(statusesOf(kate, "dora", 0)).isEmpty();
                assertThat(jill.status("dora")).isEqualTo("in_call");
                assertThat(kate.status("dora")).isEqualTo("in_call");

                byte[] video = TestMedia.jpeg(20_000, 7);
                byte[] audio = TestMedia.pcm(320, 8);
                doraOnB.sendMedia(TestMedia.video(call, 0, "kate"), ByteBuffer.wrap(video));
                kate.sendMedia(TestMedia.audio(call, 0, "dora"), ByteBuffer.wrap(audio));
                var atKate = kate.nextMedia(T);
                var atDora = doraOnB.nextMedia(T);
                assertThat(atKate).isNotNull();
                assertThat(atKate.frame().header().callId()).isEqualTo(call);
                assertThat(atKate.frame().header().peer()).isEqualTo("dora");
                assertThat(TestMedia.bytes(atKate.frame().payload())).isEqualTo(video);
                assertThat(atDora).isNotNull();
                assertThat(TestMedia.bytes(atDora.frame().payload())).isEqualTo(audio);

                doraOnB.sendControl(new CallHangup(call));
                CallUpdate end = kate.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ENDED, T);
                assertThat(end.endedBy()).isEqualTo("dora");
                awaitPresence(jill, "dora", "online", T);
            }
        }
    }

    /**
     * Relay A stays up but its lease lapses — another relay took it for dead and removed its row and
     * its users' presence (done here by hand). A's next heartbeat finds its row gone and puts its
     * connected sessions back; their call, back within the reconnect grace, goes on.
     */
    @Test
    void aLiveRelayWhoseLeaseLapsedPutsItsUsersBackOnlineAndTheirCallGoesOn() throws Exception {
        try (SimulatedClient hank = SimulatedClient.signIn(a.webSocketUri(), "hank");
             SimulatedClient ivy = SimulatedClient.signIn(a.webSocketUri(), "ivy");
             SimulatedClient lena = SimulatedClient.signIn(a.webSocketUri(), "lena")) {
            long call = SimulatedClient.establishCall(hank, ivy);
            awaitPresence(lena, "hank", "in_call", T);
            awaitPresence(lena, "ivy", "in_call", T);
            assertThat(presenceRowsOf(a, "relay_a")).isEqualTo(3);

            try (Connection c = a.database().pool().getConnection(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.executeUpdate("DELETE FROM relays WHERE relay_id = 'relay_a'");
                st.executeUpdate("DELETE FROM presence WHERE relay_id = 'relay_a'");
                c.commit();
            }
            lena.awaitControl(Presence.class, p -> p.user().equals("hank") && p.status().equals("offline"), T);
            long offlineAt = System.nanoTime();

            // one housekeeping round (1 s here) later they are back, with the same connections
            awaitPresence(lena, "hank", "in_call", T);
            awaitPresence(lena, "ivy", "in_call", T);
            awaitPresence(hank, "lena", "online", T);
            awaitPresenceRows("relay_a", 3, T);
            assertThat(Duration.ofNanos(System.nanoTime() - offlineAt)).isLessThan(Duration.ofSeconds(3));
            assertThat(hank.isOpen() && ivy.isOpen() && lena.isOpen()).isTrue();

            // presence removed while the relay's row survives (a renewal that raced the expiry): the heartbeat
            // cannot tell, the stream can — the next round puts it back too
            try (Connection c = a.database().pool().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM presence WHERE relay_id = 'relay_a'");
            }
            lena.awaitControl(Presence.class, p -> p.user().equals("hank") && p.status().equals("offline"), T);
            long removedAt = System.nanoTime();
            awaitPresence(lena, "hank", "in_call", T);
            awaitPresence(lena, "ivy", "in_call", T);
            // lena's own row is re-claimed on her own worker, independently of hank's and ivy's (and a round later
            // if the housekeeping ran before the stream had applied her row's delete): what lena sees of the
            // others says nothing about it, so wait for the rows themselves
            awaitPresenceRows("relay_a", 3, T);
            assertThat(Duration.ofNanos(System.nanoTime() - removedAt)).isLessThan(Duration.ofSeconds(3));

            byte[] video = TestMedia.jpeg(20_000, 3);
            hank.sendMedia(TestMedia.video(call, 0, "ivy"), ByteBuffer.wrap(video));
            var atIvy = ivy.nextMedia(T);
            assertThat(atIvy).isNotNull();
            assertThat(TestMedia.bytes(atIvy.frame().payload())).isEqualTo(video);
            assertThat(callState(call)).isEqualTo("accepted");
            assertThat(hank.errorsSeen()).isEmpty();
        }
    }

    private static void drainControl(SimulatedClient c) throws InterruptedException {
        while (c.nextControl(Duration.ofMillis(200)) != null) {
            // discard
        }
    }

    /** Every status of {@code user} that {@code c} is told (presence or directory) until {@code untilNanos}, then what is already queued. */
    private static List<String> statusesOf(SimulatedClient c, String user, long untilNanos) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        while (true) {
            long left = untilNanos - System.nanoTime();
            ControlMessage m = c.nextControl(Duration.ofNanos(Math.max(left, Duration.ofMillis(50).toNanos())));
            if (m == null) {
                if (left <= 0) {
                    return seen;
                }
                continue;
            }
            if (m instanceof Presence p && p.user().equals(user)) {
                seen.add(p.status());
            } else if (m instanceof Contacts d) {
                d.contacts().stream().filter(e -> e.user().equals(user)).forEach(e -> seen.add(e.status().wire()));
            }
        }
    }

    private static String presenceOf(String user) throws Exception {
        try (Connection c = a.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT relay_id FROM presence WHERE user_name = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String callState(long id) throws Exception {
        try (Connection c = a.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT state FROM calls WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Waits until {@code relayId} holds {@code expected} presence rows; fails with the last count after {@code timeout}. */
    private static void awaitPresenceRows(String relayId, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long rows = presenceRowsOf(relayId);
        while (rows != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            rows = presenceRowsOf(relayId);
        }
        assertThat(rows).as("presence rows of " + relayId).isEqualTo(expected);
    }

    private static long presenceRowsOf(String relayId) throws Exception {
        return presenceRowsOf(a, relayId);
    }

    private static long presenceRowsOf(Relay via, String relayId) throws Exception {
        try (Connection c = via.database().pool().getConnection();
             var ps = c.prepareStatement("SELECT count(*) FROM presence WHERE relay_id = ?")) {
            ps.setString(1, relayId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
