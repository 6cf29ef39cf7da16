package com.waltalk.relay.replication;

import com.waltalk.testing.TestContacts;
import com.waltalk.relay.Relay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.EmbeddedDatabase;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Horizontal scale is more relays, one slot each, on one database: a frame written by relay A
 * reaches a recipient connected to relay B through B's own slot. Also: an idle relay keeps
 * acknowledging keepalive positions, so unrelated WAL never piles up behind its slot.
 */
class TwoRelaysIT {

    @TempDir
    Path dir;

    @Test
    void framesCrossBetweenRelaysSharingADatabase() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), "1GB");
             Relay a = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("unused-a"), "relay_a")
                     .withDatabase(db.jdbcUrl(), db.user(), null)));
             Relay b = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("unused-b"), "relay_b")
                     .withDatabase(db.jdbcUrl(), db.user(), null)));
             SimulatedClient alice = SimulatedClient.signIn(a.webSocketUri(), "alice");
             SimulatedClient bob = SimulatedClient.signIn(b.webSocketUri(), "bob")) {
            long call = SimulatedClient.establishCall(alice, bob);
            byte[] hello = TestMedia.jpeg(30_000, 1);
            byte[] reply = TestMedia.pcm(320, 2);
            alice.sendMedia(TestMedia.video(call, 0, "bob"), ByteBuffer.wrap(hello));
            bob.sendMedia(TestMedia.audio(call, 0, "alice"), ByteBuffer.wrap(reply));

            var atBob = bob.nextMedia(Duration.ofSeconds(10));
            var atAlice = alice.nextMedia(Duration.ofSeconds(10));
            assertThat(atBob).isNotNull();
            assertThat(atBob.frame().header().peer()).isEqualTo("alice");
            assertThat(TestMedia.bytes(atBob.frame().payload())).isEqualTo(hello);
            assertThat(atAlice).isNotNull();
            assertThat(atAlice.frame().header().peer()).isEqualTo("bob");
            assertThat(TestMedia.bytes(atAlice.frame().payload())).isEqualTo(reply);
            // each relay saw both rows in its own stream, and routed only the one for its own client
            assertThat(a.fanout().delivered()).isEqualTo(1);
            assertThat(b.fanout().delivered()).isEqualTo(1);
        }
    }

    @Test
    void anIdleRelayDoesNotPinWalWrittenByOthers() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"), "1GB");
             Relay relay = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("unused"), "idle")
                     .withDatabase(db.jdbcUrl(), db.user(), null)));
             Connection c = relay.database().pool().getConnection();
             Statement st = c.createStatement()) {
            // 8 MB of WAL the relay's publication does not cover
            st.execute("CREATE TABLE unrelated (x bytea)");
            st.execute("INSERT INTO unrelated SELECT decode(repeat('ab', 8192), 'hex') FROM generate_series(1, 1000)");
            long target = lsn(st, "SELECT pg_current_wal_lsn() - '0/0'::pg_lsn");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long confirmed = 0;
            while (System.nanoTime() < deadline) {
                confirmed = lsn(st, "SELECT confirmed_flush_lsn - '0/0'::pg_lsn FROM pg_replication_slots "
                        + "WHERE slot_name = 'waltalk_relay_idle'");
                if (confirmed >= target) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(confirmed).as("slot confirmed position follows WAL it has no interest in")
                    .isGreaterThanOrEqualTo(target);
            // and the WAL the slot retains follows within seconds, not the 15 s between PostgreSQL's own
            // running-transactions records (the relay logs one every housekeeping round)
            long restartDeadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            long restart = 0;
            while (System.nanoTime() < restartDeadline) {
                restart = lsn(st, "SELECT restart_lsn - '0/0'::pg_lsn FROM pg_replication_slots "
                        + "WHERE slot_name = 'waltalk_relay_idle'");
                if (restart >= target) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(restart).as("slot restart position").isGreaterThanOrEqualTo(target);
        }
    }

    private static long lsn(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
