package com.waltalk.relay.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.ingest.MediaWriter;
import com.waltalk.relay.replication.ChangeHandler;
import com.waltalk.relay.replication.Publications;
import com.waltalk.relay.replication.ReplicationService;
import com.waltalk.relay.replication.ReplicationSlots;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.testing.ChildRelay;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /healthz} says 503 when the relay cannot serve although the process is up: the WebSocket listener gone
 * (the issue saw 200 "ok" then), a media writer without its database connection, a replication stream stuck.
 */
class HealthIT {

    private static final Duration T = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("health_test");

    private static int status(String uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String body(String uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Opens connections (and keeps them) until {@code enough} were tried or the relay refuses to connect at all
     * (nothing listening); a connection that times out in a full accept backlog is just tried again.
     */
    private static List<Socket> flood(InetSocketAddress relay, int enough) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < enough; i++) {
            Socket s = new Socket();
            sockets.add(s);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            try {
                s.connect(relay, 500);
            } catch (java.net.ConnectException refused) {
                break;
            } catch (IOException timedOut) {
                // backlog full: go on
            }
        }
        return sockets;
    }

    @Test
    void aListenerThatStoppedAcceptingMakesHealthz503() throws Exception {
        // With a small descriptor limit and the connection cap lifted, accept() fails for want of a descriptor;
        // Java-WebSocket then closes its listening socket while its thread and the process carry on.
        DatabaseEndpoint db = TestDatabase.newDatabaseEndpoint();
        List<Socket> sockets = List.of();
        try (ChildRelay child = ChildRelay.startUnder(List.of("prlimit", "--nofile=400"), List.of("-XX:+ExitOnOutOfMemoryError"),
                db.jdbcUrl(), db.user(), "health_fd", "--max-connections", "100000",
                "--max-connections-per-address", "100000", "--new-connections-per-address", "100000")) {
            assertThat(status(child.healthUri())).isEqualTo(200);
            sockets = flood(child.webSocketAddress(), 1_000);
            for (Socket s : sockets) {
                s.close();
            }
            long deadline = System.nanoTime() + T.toNanos();
            int code = 200;
            while (code == 200 && System.nanoTime() < deadline) {
                Thread.sleep(500);
                code = status(child.healthUri());
            }
            assertThat(code).as("%s after %d connections; relay output:%n%s", body(child.healthUri()), sockets.size(),
                    String.join("\n", child.output)).isEqualTo(503);
            assertThat(body(child.healthUri())).contains("\"listener\":\"down");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void theDefaultCapStaysBelowTheDescriptorLimitSoTheListenerSurvives() throws Exception {
        DatabaseEndpoint db = TestDatabase.newDatabaseEndpoint();
        List<Socket> sockets = List.of();
        try (ChildRelay child = ChildRelay.startUnder(List.of("prlimit", "--nofile=400"), List.of("-XX:+ExitOnOutOfMemoryError"),
                db.jdbcUrl(), db.user(), "health_fd_cap",
                "--max-connections-per-address", "100000", "--new-connections-per-address", "100000")) {
            sockets = flood(child.webSocketAddress(), 1_000);
            Thread.sleep(6_000); // a few probe periods
            assertThat(status(child.healthUri())).as(body(child.healthUri())).isEqualTo(200);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aMediaWriterWithoutItsDatabaseIsNotWorking() throws Exception {
        try (MediaWriter up = new MediaWriter(relay.relay().databaseEndpoint(), 2, Duration.ofMillis(5), 1 << 20);
             MediaWriter down = new MediaWriter(new DatabaseEndpoint("jdbc:postgresql://127.0.0.1:1/none", "x", null),
                     2, Duration.ofMillis(5), 1 << 20)) {
            up.start();
            down.start();
            long deadline = System.nanoTime() + T.toNanos();
            while (!up.working() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(up.working()).isTrue();
            assertThat(down.working()).isFalse();
        }
        assertThat(relay.relay().writer().working()).isTrue();
        assertThat(status("http://127.0.0.1:" + relay.relay().healthAddress().getPort() + "/healthz")).isEqualTo(200);
    }

    @Test
    void aReplicationStreamStuckOnAMessageIsNotAdvancing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ChangeHandler stuck = new ChangeHandler() {
            @Override
            public void onInsert(Insert insert, Transaction transaction) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        String slot = "waltalk_health_stuck";
        new ReplicationSlots(relay.relay().database().pool()).ensure(slot);
        try (ReplicationService stream = new ReplicationService(relay.relay().databaseEndpoint(), slot,
                Publications.ALL, stuck)) {
            stream.start();
            assertThat(stream.awaitConnected(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(stream.isAdvancing(1_000)).isTrue();
            try (SimulatedClient c = relay.user("health_stuck_user")) { // a users row: the handler blocks on it
                long deadline = System.nanoTime() + T.toNanos();
                while (stream.isAdvancing(1_000) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(stream.isAdvancing(1_000)).isFalse();
                release.countDown();
                deadline = System.nanoTime() + T.toNanos();
                while (!stream.isAdvancing(1_000) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(stream.isAdvancing(1_000)).isTrue();
            }
        } finally {
            release.countDown();
            // the closed stream's walsender may take a moment to let go of the slot
            for (int attempt = 0; ; attempt++) {
                try {
                    new ReplicationSlots(relay.relay().database().pool()).drop(slot);
                    break;
                } catch (java.sql.SQLException stillActive) {
                    if (attempt >= 50) {
                        throw stillActive;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }
}
