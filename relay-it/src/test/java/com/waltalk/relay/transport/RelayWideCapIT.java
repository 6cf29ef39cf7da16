package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.config.RelaySettings;
import com.waltalk.testing.RunningRelay;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The relay-wide connection cap holds whatever the addresses, and frees a slot when a connection closes. */
class RelayWideCapIT {

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("relay_cap_test")
            .withConnections(RelaySettings.Connections.LOOPBACK_TESTS.withMaxConnections(5)
                    .withHandshakeTimeout(Duration.ofSeconds(30)));

    @Test
    void connectionsBeyondTheCapAreRefusedFromAnyAddress() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                held.add(RawSockets.halfUpgrade("127.0.1." + (i + 1), relay.relay().webSocketAddress()));
            }
            try (Socket sixth = RawSockets.halfUpgrade("127.0.1.99", relay.relay().webSocketAddress())) {
                assertThat(RawSockets.closedByRelayWithin(sixth, Duration.ofSeconds(2))).isTrue();
            }
            held.remove(0).close();
            Thread.sleep(300);
            try (Socket s = RawSockets.halfUpgrade("127.0.1.99", relay.relay().webSocketAddress())) {
                assertThat(RawSockets.closedByRelayWithin(s, Duration.ofMillis(500))).isFalse();
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertThat(relay.relay().metrics().scrape())
                .containsPattern("waltalk_connections_refused_total\\{[^}]*reason=\"relay_full\"[^}]*} 1");
    }
}
