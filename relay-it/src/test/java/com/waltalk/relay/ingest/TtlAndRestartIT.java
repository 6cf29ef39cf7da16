package com.waltalk.relay.ingest;

import com.waltalk.testing.TestContacts;
import com.waltalk.relay.Relay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media rows expire, and a relay restarted on the same database resumes its slot cleanly. */
class TtlAndRestartIT {

    @TempDir
    Path dataDir;

    @Test
    void ttlKeepsTheMediaTablesBoundedAndEmptiesThemWhenTrafficStops() throws Exception {
        RelaySettings settings = RelaySettings.forLoopback(dataDir.resolve("pg"), "ttl_test")
                .withTtl(Duration.ofSeconds(1), Duration.ofMillis(500));
        try (Relay relay = TestContacts.inContact(Relay.start(settings));
             SimulatedClient alice = SimulatedClient.signIn(relay.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(relay.webSocketUri(), "bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            bob.onMedia(r -> { });
            // 5 s of 30 fps video + 50 packets/s audio: 150 + 250 rows/s inserted
            long maxRows = 0;
            long start = System.nanoTime();
            int seq = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                alice.sendMedia(TestMedia.video(call, seq, "bob"), ByteBuffer.wrap(TestMedia.jpeg(8_000, seq)));
                for (int i = 0; i < 2; i++) {
                    alice.sendMedia(TestMedia.audio(call, seq * 2L + i, "bob"), ByteBuffer.wrap(TestMedia.pcm(320, seq)));
                }
                seq++;
                Thread.sleep(33);
                if (seq % 10 == 0) {
                    maxRows = Math.max(maxRows, rows(relay));
                }
            }
            // rows live at most TTL + one partition second + interval: 2.5 s at ~90 rows/s ≈ 225 rows,
            // never all 450+
            assertThat(relay.cleaner().truncating()).isTrue();
            assertThat(maxRows).isPositive().isLessThan(300);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (rows(relay) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(rows(relay)).isZero();
            assertThat(relay.cleaner().truncations()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void restartOnTheSameDatabaseResumesTheSlotAndTheCall() throws Exception {
        RelaySettings settings = RelaySettings.forLoopback(dataDir.resolve("pg"), "restart_test");
        long firstAck;
        long call;
        try (Relay relay = TestContacts.inContact(Relay.start(settings));
             SimulatedClient alice = SimulatedClient.signIn(relay.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(relay.webSocketUri(), "bob")) {
            call = SimulatedClient.establishCall(alice, bob);
            exchange(alice, bob, call, 0);
            firstAck = relay.replication().acknowledgedLsn();
            assertThat(firstAck).isPositive();
            // the slot's confirmed position follows what the relay has processed: it does not pin WAL
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (slotConfirmedLsn(relay, settings.slotName()) < firstAck && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(slotConfirmedLsn(relay, settings.slotName())).isGreaterThanOrEqualTo(firstAck);
        }
        // both reconnect to the restarted relay within the grace period: the call is still on
        try (Relay relay = TestContacts.inContact(Relay.start(settings));
             SimulatedClient alice = SimulatedClient.signIn(relay.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(relay.webSocketUri(), "bob")) {
            assertThat(slotConfirmedLsn(relay, settings.slotName())).isGreaterThanOrEqualTo(firstAck);
            assertThat(alice.acceptedCallFromHistory()).isEqualTo(call);
            exchange(alice, bob, call, 100);
            // nothing from before the restart is replayed to the reconnected clients (checked in exchange)
            try (Connection c = relay.database().pool().getConnection()) {
                c.createStatement().execute("DROP PUBLICATION waltalk_media");
            }
        }
        // a database whose publication was dropped is repaired at start (publication and slot)
        try (Relay relay = TestContacts.inContact(Relay.start(settings));
             SimulatedClient alice = SimulatedClient.signIn(relay.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(relay.webSocketUri(), "bob")) {
            exchange(alice, bob, call, 200);
        }
    }

    private static void exchange(SimulatedClient alice, SimulatedClient bob, long call, int firstSeq) throws Exception {
        for (int i = 0; i < 10; i++) {
            alice.sendMedia(TestMedia.video(call, firstSeq + i, "bob"), ByteBuffer.wrap(TestMedia.jpeg(5_000, i)));
            Thread.sleep(20);
        }
        for (int i = 0; i < 10; i++) {
            var r = bob.nextMedia(Duration.ofSeconds(10));
            assertThat(r).isNotNull();
            assertThat(r.frame().header().seq()).isEqualTo(firstSeq + i);
        }
        assertThat(bob.nextMedia(Duration.ofMillis(300))).isNull();
    }

    private static long rows(Relay relay) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT (SELECT count(*) FROM video_frames) + (SELECT count(*) FROM audio_frames)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long slotConfirmedLsn(Relay relay, String slot) throws Exception {
        try (Connection c = relay.database().pool().getConnection();
             var ps = c.prepareStatement(
                     "SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("slot survives the restart").isTrue();
                return rs.getLong(1);
            }
        }
    }
}
