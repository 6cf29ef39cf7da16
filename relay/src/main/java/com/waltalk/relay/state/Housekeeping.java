package com.waltalk.relay.state;

import com.waltalk.relay.accounts.TokenService;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.presence.PresenceStore;
import com.waltalk.runtime.Threads;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's periodic duties towards shared state: renew its lease (and, if it had lapsed, put its
 * sessions' presence back), expire the presence of relays that died without a goodbye, turn
 * unanswered calls into missed ones, and end calls whose party has been gone longer than the grace
 * period. Every relay runs it; all its writes are conditional, so several relays doing the same work
 * agree. Thread-safe.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);


    private final String relayId;
    private final PresenceStore presence;
    private final CallStore calls;
    private final LiveState state;
    private final LocalSessions sessions;
    private final RelaySettings.Timeouts timing;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Threads.named("housekeeping"));
    /** Active calls with a party missing from presence, and since when (nanoTime). */
    private final Map<Long, Long> abandonedSince = new HashMap<>();
    private boolean lastRunFailed;
    private final javax.sql.DataSource dataSource;
    private volatile boolean standbySnapshots = true;

    /** Expired sign-in tokens are purged this often (a presented expired token is deleted at once anyway). */
    static final Duration TOKEN_PURGE_INTERVAL = Duration.ofHours(1);

    private final TokenService tokens;
    private long lastTokenPurgeNanos = System.nanoTime();

    public Housekeeping(String relayId, javax.sql.DataSource dataSource, PresenceStore presence, CallStore calls,
                        TokenService tokens, LiveState state, LocalSessions sessions, RelaySettings.Timeouts timing) {
        this.dataSource = dataSource;
        this.tokens = tokens;
        this.relayId = relayId;
        this.presence = presence;
        this.calls = calls;
        this.state = state;
        this.sessions = sessions;
        this.timing = timing;
    }

    public void start() {
        long ms = timing.housekeeping().toMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            runOnce();
            if (lastRunFailed) {
                log.info("housekeeping works again");
            }
            lastRunFailed = false;
        } catch (SQLException | RuntimeException e) {
            if (!lastRunFailed) {
                log.warn("housekeeping failed: {}", e.getMessage());
            }
            lastRunFailed = true;
        }
    }

    void runOnce() throws SQLException {
        if (!presence.heartbeat(relayId)) {
            int n = sessions.reclaimPresence(true);
            log.warn("this relay's lease had lapsed (another relay took it for dead and removed its users' presence):"
                    + " re-claiming {} session(s)", n);
        } else {
            // a safety net for a removal the heartbeat cannot see (it raced with the re-claim), as the stream reports it
            int n = sessions.reclaimPresence(false);
            if (n > 0) {
                log.debug("re-claiming the presence of {} connected session(s) shown offline", n);
            }
        }
        logStandbySnapshot();
        int ghosts = presence.expireDeadRelays(timing.relayLease());
        if (ghosts > 0) {
            log.info("expired {} presence row(s) of relays whose lease ran out", ghosts);
        }
        calls.expireRinging(timing.ringTimeout());
        endAbandonedCalls();
        if (System.nanoTime() - lastTokenPurgeNanos > TOKEN_PURGE_INTERVAL.toNanos()) {
            lastTokenPurgeNanos = System.nanoTime();
            int purged = tokens.purgeExpired();
            if (purged > 0) {
                log.info("purged {} expired sign-in token(s)", purged);
            }
        }
    }

    /**
     * A logical slot's restart position only advances at running-transactions records, which
     * PostgreSQL writes every 15 s; at 40 calls that is ~1 GB of WAL, enough to get the slot
     * invalidated by {@code max_slot_wal_keep_size} (docs/BENCHMARKS.md, finding 3). Logging one
     * every housekeeping round keeps the retained WAL to a few seconds' worth. Needs PostgreSQL 16+
     * and EXECUTE on the function (superusers have it); without, the relay says so once and goes on.
     */
    private void logStandbySnapshot() {
        if (!standbySnapshots) {
            return;
        }
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT pg_log_standby_snapshot()");
        } catch (SQLException e) {
            standbySnapshots = false;
            log.warn("cannot call pg_log_standby_snapshot() ({}): the slot may retain ~15 s of WAL; at high load "
                    + "raise max_slot_wal_keep_size accordingly", e.getMessage());
        }
    }

    private void endAbandonedCalls() throws SQLException {
        long now = System.nanoTime();
        Set<Long> seen = new HashSet<>();
        for (CallRecord call : state.activeCalls()) {
            String gone = state.presence(call.caller()) == null ? call.caller()
                    : state.presence(call.callee()) == null ? call.callee() : null;
            if (gone == null) {
                continue;
            }
            seen.add(call.id());
            long since = abandonedSince.computeIfAbsent(call.id(), id -> now);
            if (now - since >= timing.reconnectGrace().toNanos()) {
                if (calls.endAbandoned(call.id(), gone)) {
                    log.info("ended call {}: {} has been offline for {} s", call.id(), gone,
                            timing.reconnectGrace().toSeconds());
                }
            }
        }
        abandonedSince.keySet().retainAll(seen);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
