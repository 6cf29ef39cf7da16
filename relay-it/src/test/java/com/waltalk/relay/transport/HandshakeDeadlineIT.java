package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.config.RelaySettings;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection that never completes its WebSocket handshake is closed after the handshake deadline. Before it,
 * Java-WebSocket's connection-lost checker looked at open connections only: half an upgrade request was held
 * forever (the issue measured 74 KB each, and 15,000 of them took the relay down).
 */
class HandshakeDeadlineIT {

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("handshake_deadline_test")
            .withConnections(RelaySettings.Connections.LOOPBACK_TESTS.withHandshakeTimeout(Duration.ofSeconds(1)));

    @Test
    void halfAnUpgradeRequestIsClosedAfterTheDeadline() throws Exception {
        try (Socket s = RawSockets.halfUpgrade("127.0.0.1", relay.relay().webSocketAddress())) {
            long start = System.nanoTime();
            assertThat(RawSockets.closedByRelayWithin(s, Duration.ofSeconds(5))).isTrue();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("closed after the 1 s deadline, within a sweep").isBetween(700L, 2_500L);
        }
        assertThat(relay.relay().metrics().scrape())
                .containsPattern("waltalk_connections_refused_total\\{[^}]*reason=\"handshake_timeout\"[^}]*} [1-9]");
    }

    @Test
    void aConnectionThatSaysNothingIsClosedToo() throws Exception {
        try (Socket s = RawSockets.open("127.0.0.1", relay.relay().webSocketAddress())) {
            assertThat(RawSockets.closedByRelayWithin(s, Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aClientThatCompletesItsHandshakeIsNotTouchedByTheDeadline() throws Exception {
        try (SimulatedClient c = relay.user("deadline_ok")) {
            Thread.sleep(2_000);
            assertThat(c.isOpen()).isTrue();
        }
    }
}
