package com.waltalk.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.testing.ChildRelay;
import com.waltalk.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `relay serve` started as `java -jar relay.jar serve` was, without -XX:+ExitOnOutOfMemoryError, ends when it runs
 * out of memory (exit status 3, the JVM's for that flag) instead of staying alive and wedged, so systemd restarts it.
 * The heap is filled the way an attacker would: half-finished upgrade requests of 15 KB each, with every
 * connection limit lifted so that nothing refuses them first.
 */
class OutOfMemoryExitIT {

    private static final byte[] BIG_HALF_UPGRADE = ("GET / HTTP/1.1\r\nHost: relay\r\nX-Pad: " + "a".repeat(15_000))
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void serveWithoutTheFlagEndsAtItsFirstOutOfMemoryError() throws Exception {
        DatabaseEndpoint db = TestDatabase.newDatabaseEndpoint();
        List<Socket> sockets = new ArrayList<>();
        try (ChildRelay relay = ChildRelay.startWith(List.of("-Xmx64m"), db.jdbcUrl(), db.user(), "oom_test",
                "--max-connections", "1000000", "--max-connections-per-address", "1000000",
                "--new-connections-per-address", "1000000", "--handshake-timeout", "10m")) {
            Integer exit = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            for (int i = 0; i < 12_000 && exit == null && System.nanoTime() < deadline; i++) {
                try {
                    Socket s = new Socket();
                    sockets.add(s);
                    s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0." + (1 + i % 4)), 0));
                    s.connect(relay.webSocketAddress(), 2_000);
                    s.getOutputStream().write(BIG_HALF_UPGRADE);
                } catch (IOException refusedOrGone) {
                    // the relay is failing or gone: see whether it ended
                }
                if (i % 50 == 0) {
                    exit = relay.awaitExit(Duration.ofMillis(i % 500 == 0 ? 200 : 0));
                }
            }
            if (exit == null) {
                exit = relay.awaitExit(Duration.ofSeconds(30));
            }
            assertThat(exit).as("exit status after %d half-open connections; output:%n%s", sockets.size(),
                    String.join("\n", relay.output)).isEqualTo(3);
            assertThat(String.join("\n", relay.output)).contains("java.lang.OutOfMemoryError");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
