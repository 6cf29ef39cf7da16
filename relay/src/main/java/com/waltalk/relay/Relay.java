package com.waltalk.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.db.DatabasePreflight;
import com.waltalk.relay.db.EmbeddedDatabase;
import com.waltalk.relay.fanout.DrainScheduler;
import com.waltalk.relay.fanout.MediaFanout;
import com.waltalk.relay.health.HealthServer;
import com.waltalk.relay.metrics.RelayMetrics;
import com.waltalk.relay.metrics.SlotStatsProbe;
import com.waltalk.relay.ingest.MediaTtlCleaner;
import com.waltalk.relay.ingest.MediaWriter;
import com.waltalk.relay.accounts.AccountService;
import com.waltalk.relay.accounts.TokenService;
import com.waltalk.relay.calls.CallStore;
import com.waltalk.relay.chat.ChatStore;
import com.waltalk.relay.contacts.ContactStore;
import com.waltalk.relay.presence.PresenceStore;
import com.waltalk.relay.replication.CompositeChangeHandler;
import com.waltalk.relay.replication.Publications;
import com.waltalk.relay.session.SessionNotifications;
import com.waltalk.relay.state.Housekeeping;
import com.waltalk.relay.state.LiveState;
import com.waltalk.relay.state.StateChangeHandler;
import com.waltalk.relay.transport.TlsContexts;
import com.waltalk.runtime.Threads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import com.waltalk.relay.replication.ReplicationService;
import com.waltalk.relay.replication.ReplicationSlots;
import com.waltalk.relay.session.SessionController;
import com.waltalk.relay.session.PresenceReclaimer;
import com.waltalk.relay.session.SessionRegistry;
import com.waltalk.relay.transport.RelayWebSocketServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running relay: database (embedded or external), write path, replication stream, fan-out,
 * WebSocket and health endpoints, wired together and started in dependency order.
 * {@link #close()} stops everything in reverse order. Thread-safe.
 */
public final class Relay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    /** Publications the relay streams; later issues add more to this list. */
    public static final List<String> PUBLICATIONS = Publications.ALL;
    static final long MAX_QUEUED_BYTES_PER_WRITER = 32L * 1024 * 1024;

    private final RelaySettings settings;
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private EmbeddedDatabase embedded;
    private Database database;
    private MediaWriter writer;
    private MediaTtlCleaner cleaner;
    private SessionRegistry sessions;
    private SessionController controller;
    private MediaFanout fanout;
    private ReplicationService replication;
    private LiveState state;
    private Housekeeping housekeeping;
    private RelayWebSocketServer webSocket;
    private HealthServer health;
    private RelayMetrics metrics;
    private volatile boolean closed;

    private Relay(RelaySettings settings) {
        this.settings = settings;
    }

    /** Starts a relay; on failure, whatever was started is stopped again before the exception propagates. */
    public static Relay start(RelaySettings settings) throws RelayStartException {
        Relay relay = new Relay(settings);
        try {
            relay.startComponents();
            return relay;
        } catch (RelayStartException e) {
            relay.close();
            throw e;
        } catch (Exception e) {
            relay.close();
            throw new RelayStartException("relay failed to start: " + e.getMessage(), e);
        }
    }

    private void startComponents() throws Exception {
        // a wrong keystore or password is an operator error: say so before starting anything else
        javax.net.ssl.SSLContext tls = settings.tlsKeystore() == null ? null : loadTls();
        DatabaseEndpoint endpoint;
        if (settings.embeddedDatabase()) {
            embedded = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedMaxSlotWalKeep());
            closeables.push(embedded);
            endpoint = new DatabaseEndpoint(embedded.jdbcUrl(), embedded.user(), null);
        } else {
            endpoint = new DatabaseEndpoint(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        }
        try {
            database = Database.open(endpoint);
        } catch (DatabasePreflight.MisconfiguredDatabaseException e) {
            throw new RelayStartException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new RelayStartException("cannot connect to " + endpoint.describe() + ": " + e.getMessage(), e);
        }
        closeables.push(database);

        ReplicationSlots slots = new ReplicationSlots(database.pool());
        if (new Publications(database.pool()).ensure()) {
            slots.drop(settings.slotName());
        }
        try {
            slots.ensure(settings.slotName());
        } catch (ReplicationSlots.SlotInUseException e) {
            throw new RelayStartException(e.getMessage(), e);
        }

        writer = new MediaWriter(endpoint, settings.writerThreads(), settings.commitInterval(), MAX_QUEUED_BYTES_PER_WRITER);
        closeables.push(writer);
        writer.start();

        cleaner = new MediaTtlCleaner(database.pool(), settings.mediaTtl(), settings.cleanupInterval());
        closeables.push(cleaner);
        cleaner.start();

        sessions = new SessionRegistry();
        state = new LiveState();
        SessionNotifications notifications = new SessionNotifications(sessions, state);
        DrainScheduler drain = new DrainScheduler();
        closeables.push(drain);
        drain.start();
        fanout = new MediaFanout(sessions, state, drain);

        PresenceStore presence = new PresenceStore(database.pool());
        PresenceStore.PreviousRun previousRun = presence.previousRun(settings.relayId(), settings.timeouts().relayLease());
        int previous = presence.resetRelay(settings.relayId());
        if (previous > 0) {
            log.info("cleared {} presence row(s) left by this relay's previous run", previous);
        }
        CallStore calls = new CallStore(database.pool());
        if (previousRun.unwatchedLongerThan(settings.timeouts().reconnectGrace())) {
            int ended = calls.endCallsWithAbsentParties();
            if (ended > 0) {
                log.info("ended {} call(s) left active while no relay was running (longer than the {} s reconnect grace)",
                        ended, settings.timeouts().reconnectGrace().toSeconds());
            }
        }
        replication = new ReplicationService(endpoint, settings.slotName(), PUBLICATIONS,
                new CompositeChangeHandler(List.of(fanout,
                        new StateChangeHandler(database.pool(), state, notifications))));
        closeables.push(replication);
        replication.start();
        if (!replication.awaitConnected(30, TimeUnit.SECONDS)) {
            throw new RelayStartException("replication stream from slot " + settings.slotName()
                    + " did not start within 30 s", null);
        }

        housekeeping = new Housekeeping(settings.relayId(), database.pool(), presence, calls, new TokenService(database.pool()), state,
                new PresenceReclaimer(settings.relayId(), sessions, state, presence), settings.timeouts());
        closeables.push(housekeeping);
        housekeeping.start();

        ExecutorService workers = Executors.newFixedThreadPool(4, Threads.numbered("session-worker"));
        closeables.push(workers::shutdownNow);
        // one bcrypt at a time per two cores leaves room for media and everything else
        ExecutorService passwordChecks = Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2), Threads.numbered("password-check"));
        closeables.push(passwordChecks::shutdownNow);
        ChatStore chat = new ChatStore(database.pool());
        controller = new SessionController(new SessionController.Services(settings.relayId(),
                settings.registrationOpen(), sessions, state, notifications, writer,
                AccountService.withDefaults(database.pool(), settings.timeouts().signInLockout(),
                        settings.nameQuarantine()), presence, calls, chat,
                new ContactStore(database.pool()), accountId -> { } /* shared daily limit: wired with relay.limits */, workers, passwordChecks));
        webSocket = new RelayWebSocketServer(settings.listen(), controller, settings.timeouts().signIn().toMillis());
        if (tls != null) {
            webSocket.useTls(tls);
        }
        closeables.push(webSocket::shutdown);
        webSocket.startAndAwait();

        RelayWebSocketServer server = webSocket;
        metrics = RelayMetrics.create(settings.relayId(), settings.slotName(), version(),
                () -> server.getConnections().size(), sessions, controller, writer, fanout, cleaner, replication,
                state, chat, new SlotStatsProbe(database.pool(), RelayMetrics.SLOT_PROBE_INTERVAL));
        closeables.push(metrics);
        health = new HealthServer(settings.httpListen(), this::healthStatus, metrics::scrape);
        closeables.push(health);
        health.start();

        log.info("WalTalk relay listening on {}://{}:{} (health http://{}:{}/healthz), database {}, slot {}",
                settings.tlsKeystore() == null ? "ws" : "wss", settings.listen().getHostString(), webSocket.boundPort(),
                health.address().getHostString(),
                health.address().getPort(), settings.embeddedDatabase()
                        ? "embedded PostgreSQL in " + settings.dataDir() : endpoint.describe(),
                settings.slotName());
    }

    private javax.net.ssl.SSLContext loadTls() throws RelayStartException {
        char[] password = settings.tlsPassword() == null ? new char[0] : settings.tlsPassword().toCharArray();
        try {
            return TlsContexts.fromPkcs12(settings.tlsKeystore(), password);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new RelayStartException("cannot use TLS keystore " + settings.tlsKeystore() + ": "
                    + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private HealthServer.Status healthStatus() {
        boolean streaming = replication != null && replication.isConnected();
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("status", streaming ? "ok" : "degraded");
        json.put("relayId", settings.relayId());
        json.put("replication", streaming ? "streaming" : "reconnecting");
        json.put("slot", settings.slotName());
        json.put("clients", sessions == null ? 0 : sessions.size());
        json.put("framesAccepted", controller == null ? 0 : controller.framesAccepted());
        json.put("framesDelivered", fanout == null ? 0 : fanout.delivered());
        json.put("rowsWritten", writer == null ? 0 : writer.rowsWritten());
        return new HealthServer.Status(streaming, json.toString());
    }

    private static String version() {
        String v = Relay.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The relay's metrics (also served at {@code /metrics} on the health port). */
    public RelayMetrics metrics() {
        return metrics;
    }

    public InetSocketAddress webSocketAddress() {
        return new InetSocketAddress(settings.listen().getHostString(), webSocket.boundPort());
    }

    public String webSocketUri() {
        InetSocketAddress a = webSocketAddress();
        return (settings.tlsKeystore() == null ? "ws" : "wss") + "://" + a.getHostString() + ":" + a.getPort() + "/";
    }

    public InetSocketAddress healthAddress() {
        return health.address();
    }

    public RelaySettings settings() {
        return settings;
    }

    /** JDBC endpoint of the database this relay uses (the embedded one's, when embedded). */
    public DatabaseEndpoint databaseEndpoint() {
        return database.endpoint();
    }

    public Database database() {
        return database;
    }

    public MediaWriter writer() {
        return writer;
    }

    public MediaFanout fanout() {
        return fanout;
    }

    public MediaTtlCleaner cleaner() {
        return cleaner;
    }

    public ReplicationService replication() {
        return replication;
    }

    public LiveState state() {
        return state;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public SessionController controller() {
        return controller;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** The relay could not start; the message says why in operator terms. */
    public static final class RelayStartException extends Exception {
        public RelayStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
