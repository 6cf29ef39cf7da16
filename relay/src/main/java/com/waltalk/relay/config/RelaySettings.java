package com.waltalk.relay.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a relay needs to start, resolved from the command line and environment.
 * Immutable; safe to share between threads.
 *
 * @param listen              WebSocket listen address
 * @param httpListen          HTTP address serving {@code /healthz}
 * @param jdbcUrl             external PostgreSQL JDBC URL, or {@code null} for the embedded database
 * @param dbUser              user for the external database (may be null if the URL carries it)
 * @param dbPassword          password for the external database (may be null)
 * @param dataDir             data directory of the embedded PostgreSQL
 * @param relayId             identity of this relay; names its replication slot
 * @param mediaTtl            age after which media rows are deleted
 * @param cleanupInterval     how often the TTL cleaner runs
 * @param writerThreads       number of ingest writer connections (senders are sharded over them)
 * @param commitInterval      least time between two commits of one writer connection; zero commits as
 *                            soon as the previous commit returns
 * @param embeddedMaxSlotWalKeep {@code max_slot_wal_keep_size} of the embedded database
 * @param registrationOpen    whether anyone may register (else an operator adds users)
 * @param tlsKeystore         PKCS12 keystore for wss://, or null for plain ws://
 * @param tlsPassword         the keystore's password (null without TLS)
 * @param timeouts            sign-in timeout, relay lease, ring timeout, reconnect grace
 * @param nameQuarantine      how long the name of a removed account cannot be registered again
 */
public record RelaySettings(
        InetSocketAddress listen,
        InetSocketAddress httpListen,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        Path dataDir,
        String relayId,
        Duration mediaTtl,
        Duration cleanupInterval,
        int writerThreads,
        Duration commitInterval,
        String embeddedMaxSlotWalKeep,
        boolean registrationOpen,
        Path tlsKeystore,
        String tlsPassword,
        Timeouts timeouts,
        Duration nameQuarantine) {

    /**
     * Time limits of sessions and shared state.
     *
     * @param signIn          an unauthenticated connection is closed after this
     * @param housekeeping    how often the relay renews its lease and expires what is stale
     * @param relayLease      a relay silent for this long is dead: its users go offline
     * @param ringTimeout     an unanswered call becomes missed
     * @param reconnectGrace  a call whose party has been offline this long is ended
     * @param signInLockout   a user name is locked this long after 5 failed sign-ins (doubling per further failure)
     */
    public record Timeouts(Duration signIn, Duration housekeeping, Duration relayLease, Duration ringTimeout,
                           Duration reconnectGrace, Duration signInLockout) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(1));

        public Timeouts withRingTimeout(Duration d) {
            return new Timeouts(signIn, housekeeping, relayLease, d, reconnectGrace, signInLockout);
        }

        public Timeouts withSignIn(Duration d) {
            return new Timeouts(d, housekeeping, relayLease, ringTimeout, reconnectGrace, signInLockout);
        }

        public Timeouts withReconnectGrace(Duration d) {
            return new Timeouts(signIn, housekeeping, relayLease, ringTimeout, d, signInLockout);
        }

        public Timeouts withLease(Duration housekeepingInterval, Duration lease) {
            return new Timeouts(signIn, housekeepingInterval, lease, ringTimeout, reconnectGrace, signInLockout);
        }

        public Timeouts withSignInLockout(Duration d) {
            return new Timeouts(signIn, housekeeping, relayLease, ringTimeout, reconnectGrace, d);
        }
    }

    public RelaySettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(httpListen, "httpListen");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(relayId, "relayId");
        Objects.requireNonNull(mediaTtl, "mediaTtl");
        Objects.requireNonNull(cleanupInterval, "cleanupInterval");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(nameQuarantine, "nameQuarantine");
        if (nameQuarantine.isNegative()) {
            throw new IllegalArgumentException("name quarantine must not be negative");
        }
        if (!relayId.matches("[a-z0-9_]{1,40}")) {
            throw new IllegalArgumentException("relay id must match [a-z0-9_]{1,40}: " + relayId);
        }
        if (writerThreads < 1 || writerThreads > 64) {
            throw new IllegalArgumentException("writer threads must be 1..64: " + writerThreads);
        }
        if (commitInterval.isNegative() || commitInterval.compareTo(MAX_COMMIT_INTERVAL) > 0) {
            throw new IllegalArgumentException("commit interval must be 0.." + MAX_COMMIT_INTERVAL.toMillis() + " ms: "
                    + commitInterval.toMillis() + " ms");
        }
        if (mediaTtl.isNegative() || mediaTtl.isZero() || cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("TTL and cleanup interval must be positive");
        }
    }

    /** Default {@link #nameQuarantine}: a removed name stays unavailable for 30 days. */
    public static final Duration DEFAULT_NAME_QUARANTINE = Duration.ofDays(30);

    public RelaySettings withNameQuarantine(Duration d) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, timeouts, d);
    }

    /** Default {@link #commitInterval}: see docs/DECISIONS.md (group commit with a minimum interval). */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(5);
    /** Every frame may wait this long before its commit starts, so the bound is part of the latency budget. */
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofMillis(50);

    public boolean embeddedDatabase() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }

    /** The replication slot this relay owns. One slot per relay: every slot decodes all WAL again. */
    public String slotName() {
        return "waltalk_relay_" + relayId;
    }

    /** Settings for tests and benchmarks: ephemeral ports on loopback, embedded database in {@code dataDir}. */
    public static RelaySettings forLoopback(Path dataDir, String relayId) {
        return new RelaySettings(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0),
                null, null, null, dataDir, relayId, Duration.ofSeconds(5), Duration.ofSeconds(2), 2, DEFAULT_COMMIT_INTERVAL, "1GB", true, null,
                null, Timeouts.DEFAULT, DEFAULT_NAME_QUARANTINE);
    }

    public RelaySettings withDatabase(String url, String user, String password) {
        return new RelaySettings(listen, httpListen, url, user, password, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, timeouts, nameQuarantine);
    }

    public RelaySettings withTtl(Duration ttl, Duration interval) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, ttl,
                interval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, timeouts, nameQuarantine);
    }

    public RelaySettings withListen(InetSocketAddress ws, InetSocketAddress http) {
        return new RelaySettings(ws, http, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, timeouts, nameQuarantine);
    }

    public RelaySettings withWriterThreads(int n) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, n, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, timeouts, nameQuarantine);
    }

    public RelaySettings withCommitInterval(Duration d) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, d, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, timeouts, nameQuarantine);
    }

    public RelaySettings withRegistration(boolean open) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, open, tlsKeystore, tlsPassword, timeouts, nameQuarantine);
    }

    public RelaySettings withTimeouts(Timeouts t) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, tlsKeystore, tlsPassword, t, nameQuarantine);
    }

    public RelaySettings withTls(Path keystore, String password) {
        return new RelaySettings(listen, httpListen, jdbcUrl, dbUser, dbPassword, dataDir, relayId, mediaTtl,
                cleanupInterval, writerThreads, commitInterval, embeddedMaxSlotWalKeep, registrationOpen, keystore, password, timeouts, nameQuarantine);
    }

    @Override
    public String toString() {
        // never print the password
        return "RelaySettings[listen=" + listen + ", http=" + httpListen + ", db="
                + (embeddedDatabase() ? "embedded:" + dataDir : jdbcUrl) + ", relayId=" + relayId + ", ttl=" + mediaTtl
                + ", cleanup=" + cleanupInterval + ", writers=" + writerThreads + ", commitInterval=" + commitInterval.toMillis() + "ms, registration="
                + (registrationOpen ? "open" : "closed") + ", tls=" + (tlsKeystore != null) + "]";
    }
}
