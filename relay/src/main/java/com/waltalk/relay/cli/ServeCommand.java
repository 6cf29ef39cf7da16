package com.waltalk.relay.cli;

import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.runtime.Threads;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code relay serve}: runs the relay until SIGTERM/SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the relay. Without --db it starts an embedded PostgreSQL whose data persists in --data-dir.")
public final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--listen", defaultValue = "${env:WALTALK_LISTEN:-127.0.0.1:8787}",
            converter = Converters.HostPort.class,
            description = "WebSocket listen address (env WALTALK_LISTEN, default ${DEFAULT-VALUE})")
    InetSocketAddress listen;

    @Option(names = "--http", defaultValue = "${env:WALTALK_HTTP:-127.0.0.1:8788}",
            converter = Converters.HostPort.class,
            description = "HTTP address for /healthz (env WALTALK_HTTP, default ${DEFAULT-VALUE})")
    InetSocketAddress http;

    @Mixin
    DatabaseOptions db;

    @Option(names = "--relay-id", defaultValue = "${env:WALTALK_RELAY_ID:-main}",
            description = "this relay's id, unique per database; names its replication slot "
                    + "(env WALTALK_RELAY_ID, default ${DEFAULT-VALUE})")
    String relayId;

    @Option(names = "--media-ttl", defaultValue = "${env:WALTALK_MEDIA_TTL:-5s}",
            converter = Converters.DurationConverter.class,
            description = "media rows older than this are deleted (env WALTALK_MEDIA_TTL, default ${DEFAULT-VALUE})")
    Duration mediaTtl;

    @Option(names = "--cleanup-interval", defaultValue = "${env:WALTALK_CLEANUP_INTERVAL:-2s}",
            converter = Converters.DurationConverter.class,
            description = "how often expired media rows are deleted (env WALTALK_CLEANUP_INTERVAL, default ${DEFAULT-VALUE})")
    Duration cleanupInterval;

    @Option(names = "--writers", defaultValue = "${env:WALTALK_WRITERS:-2}",
            description = "database connections writing media (env WALTALK_WRITERS, default ${DEFAULT-VALUE})")
    int writers;

    @Option(names = "--commit-interval", defaultValue = "${env:WALTALK_COMMIT_INTERVAL:-5ms}",
            converter = Converters.DurationConverter.class,
            description = "least time between two commits of one writer connection: frames arriving meanwhile share "
                    + "the next commit; 0ms = commit as soon as the previous one returns "
                    + "(env WALTALK_COMMIT_INTERVAL, default ${DEFAULT-VALUE})")
    Duration commitInterval;

    enum Registration { open, closed }

    @Option(names = "--registration", defaultValue = "${env:WALTALK_REGISTRATION:-open}",
            description = "open: anyone may register; closed: an operator adds users with `relay user add` "
                    + "(env WALTALK_REGISTRATION, default ${DEFAULT-VALUE})")
    Registration registration;

    @Option(names = "--tls-keystore", defaultValue = "${env:WALTALK_TLS_KEYSTORE}",
            description = "PKCS12 keystore (certificate + key): serve wss:// instead of ws:// (env WALTALK_TLS_KEYSTORE)")
    Path tlsKeystore;

    @Option(names = "--tls-password-env", defaultValue = "WALTALK_TLS_PASSWORD",
            description = "name of the environment variable holding the keystore password (default ${DEFAULT-VALUE})")
    String tlsPasswordEnv;

    @Option(names = "--name-quarantine", defaultValue = "${env:WALTALK_NAME_QUARANTINE:-30d}",
            converter = Converters.DurationConverter.class,
            description = "how long the name of a removed account cannot be registered again "
                    + "(env WALTALK_NAME_QUARANTINE, default ${DEFAULT-VALUE})")
    Duration nameQuarantine;

    RelaySettings settings() {
        return new RelaySettings(listen, http, db.dbUrl, db.dbUser, System.getenv(db.dbPasswordEnv), db.dataDir,
                relayId, mediaTtl, cleanupInterval, writers, commitInterval, db.maxSlotWalKeep, registration == Registration.open,
                tlsKeystore, tlsKeystore == null ? null : System.getenv(tlsPasswordEnv), RelaySettings.Timeouts.DEFAULT,
                nameQuarantine);
    }

    @Override
    public Integer call() throws Exception {
        RelaySettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("relay: " + e.getMessage());
            return 2;
        }
        Relay relay;
        try {
            relay = Relay.start(settings);
        } catch (Relay.RelayStartException e) {
            log.error("{}", e.getMessage());
            log.debug("start failure", e);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Threads.addShutdownHook("relay-shutdown", () -> {
            log.info("stopping relay");
            relay.close();
            stopped.countDown();
        });
        stopped.await();
        return 0;
    }
}
