package com.waltalk.relay.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases and presence rows against a real PostgreSQL, including a heartbeat racing an expiry. */
class PresenceStoreIT {

    private static final Duration LEASE = Duration.ofSeconds(10);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();
    private static PresenceStore store;

    @BeforeAll
    static void open() {
        store = new PresenceStore(db.pool());
    }

    @Test
    void aHeartbeatSaysWhetherTheLeaseWasStillHeld() throws Exception {
        store.resetRelay("hb");
        assertThat(store.heartbeat("hb")).isTrue();
        sql("DELETE FROM relays WHERE relay_id = 'hb'");
        assertThat(store.heartbeat("hb")).as("row gone: lapsed, and taken again").isFalse();
        assertThat(store.heartbeat("hb")).isTrue();
    }

    @Test
    void expiryRemovesDeadRelaysAndOrphansAndLeavesLiveOnesAlone() throws Exception {
        store.resetRelay("live");
        store.resetRelay("dead");
        sql("UPDATE relays SET heartbeat_at = now() - interval '1 hour' WHERE relay_id = 'dead'");
        store.claim("exp_a", "live", UUID.randomUUID());
        store.claim("exp_b", "dead", UUID.randomUUID());
        store.claim("exp_c", "never_registered", UUID.randomUUID());

        assertThat(store.expireDeadRelays(LEASE)).isEqualTo(2);
        assertThat(relayOf("exp_a")).isEqualTo("live");
        assertThat(relayOf("exp_b")).isNull();
        assertThat(relayOf("exp_c")).isNull();
        assertThat(count("SELECT count(*) FROM relays WHERE relay_id = 'dead'")).isZero();
        assertThat(count("SELECT count(*) FROM relays WHERE relay_id = 'live'")).isOne();
    }

    @Test
    void aReclaimNeverTakesTheUserFromANewerSession() throws Exception {
        store.resetRelay("rc");
        UUID mine = UUID.randomUUID();
        assertThat(store.reclaim("rec_a", "rc", mine)).isTrue();
        assertThat(relayOf("rec_a")).isEqualTo("rc");
        assertThat(store.reclaim("rec_a", "rc", mine)).as("already there").isFalse();

        store.claim("rec_b", "elsewhere", UUID.randomUUID());
        assertThat(store.reclaim("rec_b", "rc", UUID.randomUUID())).isFalse();
        assertThat(relayOf("rec_b")).isEqualTo("elsewhere");
    }

    /** The lease renewal commits while another relay's expiry is running: the renewed relay keeps its users. */
    @Test
    void aHeartbeatThatCommitsDuringAnExpiryKeepsItsRelaysPresence() throws Exception {
        store.resetRelay("slow");
        store.claim("race_a", "slow", UUID.randomUUID());
        sql("UPDATE relays SET heartbeat_at = now() - interval '1 hour' WHERE relay_id = 'slow'");
        try (Connection renewal = db.pool().getConnection(); Statement st = renewal.createStatement()) {
            renewal.setAutoCommit(false);
            st.executeUpdate("UPDATE relays SET heartbeat_at = now() WHERE relay_id = 'slow'");
            CompletableFuture<Integer> expiry = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.expireDeadRelays(LEASE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBlockedOnALock();
            renewal.commit();
            expiry.get(10, TimeUnit.SECONDS);
        }
        assertThat(relayOf("race_a")).isEqualTo("slow");
        assertThat(store.heartbeat("slow")).isTrue();
    }

    /** The expiry removes the relay first: a heartbeat waiting on it finds the lease lapsed. */
    @Test
    void aHeartbeatWaitingOnAnExpiryFindsItsLeaseLapsed() throws Exception {
        store.resetRelay("paused");
        store.claim("race_b", "paused", UUID.randomUUID());
        sql("UPDATE relays SET heartbeat_at = now() - interval '1 hour' WHERE relay_id = 'paused'");
        CompletableFuture<Boolean> heartbeat;
        try (Connection expiry = db.pool().getConnection(); Statement st = expiry.createStatement()) {
            expiry.setAutoCommit(false);
            st.executeUpdate("DELETE FROM relays WHERE relay_id = 'paused'");
            st.executeUpdate("DELETE FROM presence WHERE relay_id = 'paused'");
            heartbeat = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.heartbeat("paused");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBlockedOnALock();
            expiry.commit();
        }
        assertThat(heartbeat.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(relayOf("race_b")).isNull();
    }

    private static void awaitBlockedOnALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing waited on a lock");
            }
            Thread.sleep(10);
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private static long count(String query) throws Exception {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String relayOf(String user) throws Exception {
        try (Connection c = db.pool().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT relay_id FROM presence WHERE user_name = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
