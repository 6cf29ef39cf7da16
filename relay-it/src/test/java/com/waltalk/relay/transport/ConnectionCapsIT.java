package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.config.RelaySettings;
import com.waltalk.testing.RunningRelay;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Caps per source address: concurrent connections and new connections per second, refused at accept (the
 * socket is closed before the relay allocates anything for it). Before them, 3,000 connections from one
 * address were all accepted. Each test uses source addresses of its own (127.0.0.x are all this host).
 */
class ConnectionCapsIT {

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("connection_caps_test")
            .withConnections(RelaySettings.Connections.DEFAULT.withPerAddress(3, 2)
                    .withHandshakeTimeout(Duration.ofSeconds(30)));

    private static InetSocketAddress ws() {
        return relay.relay().webSocketAddress();
    }

    @Test
    void anAddressWithItsShareOpenIsRefusedWhileOthersAreServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(RawSockets.halfUpgrade("127.0.0.11", ws()));
            }
            try (Socket fourth = RawSockets.halfUpgrade("127.0.0.11", ws());
                 Socket other = RawSockets.halfUpgrade("127.0.0.12", ws())) {
                assertThat(RawSockets.closedByRelayWithin(fourth, Duration.ofSeconds(2))).as("fourth").isTrue();
                assertThat(RawSockets.closedByRelayWithin(other, Duration.ofMillis(500))).as("other address").isFalse();
            }
            for (Socket s : held) {
                assertThat(RawSockets.closedByRelayWithin(s, Duration.ofMillis(100))).as("held").isFalse();
            }
            held.remove(0).close();
            Thread.sleep(300); // the relay sees the close and gives the slot back
            try (Socket again = RawSockets.halfUpgrade("127.0.0.11", ws())) {
                assertThat(RawSockets.closedByRelayWithin(again, Duration.ofMillis(500))).as("after a close").isFalse();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertThat(relay.relay().metrics().scrape())
                .containsPattern("waltalk_connections_refused_total\\{[^}]*reason=\"address_full\"[^}]*} [1-9]");
    }

    @Test
    void anAddressOpeningConnectionsFasterThanItsRateIsRefused() throws Exception {
        // 2 per second, bursts of 4; each connection is closed again at once, so only the rate limits
        int refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            try (Socket s = RawSockets.halfUpgrade("127.0.0.13", ws())) {
                if (RawSockets.closedByRelayWithin(s, Duration.ofMillis(100))) {
                    refused++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int mostServed = 4 + (int) Math.ceil(seconds * 2);
        assertThat(refused).as("refused of 10 in %.2f s", seconds).isGreaterThanOrEqualTo(10 - mostServed)
                .isLessThanOrEqualTo(6);
        assertThat(relay.relay().metrics().scrape())
                .containsPattern("waltalk_connections_refused_total\\{[^}]*reason=\"address_rate\"[^}]*} [1-9]");
    }
}
