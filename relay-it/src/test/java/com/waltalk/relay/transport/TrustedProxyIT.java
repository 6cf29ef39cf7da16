package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.config.AddressBlock;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.session.ClientSession;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a configured reverse proxy (here 127.0.0.1) the client's address is the one the proxy forwards; from
 * any other peer the header is ignored. The per-address cap then counts the forwarded address, not the proxy.
 */
class TrustedProxyIT {

    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("trusted_proxy_test")
            .withConnections(RelaySettings.Connections.DEFAULT.withPerAddress(2, 100)
                    .withTrustedProxies(List.of(AddressBlock.parse("127.0.0.1"))));

    private static String uri() {
        return relay.webSocketUri();
    }

    private static String addressOf(String user) {
        ClientSession s = relay.relay().sessions().lookup(user);
        return s == null ? null : s.remoteAddress();
    }

    @Test
    void theForwardedAddressIsTheSessionsAddressOnlyBehindATrustedProxy() throws Exception {
        try (SimulatedClient viaProxy = SimulatedClient.signInFrom("127.0.0.1", uri(), "proxied_user",
                Map.of("X-Forwarded-For", "1.2.3.4, 203.0.113.7"));
             SimulatedClient direct = SimulatedClient.signInFrom("127.0.0.2", uri(), "direct_user",
                     Map.of("X-Forwarded-For", "203.0.113.8"))) {
            assertThat(addressOf("proxied_user")).isEqualTo("203.0.113.7");
            assertThat(addressOf("direct_user")).as("forged header from an untrusted peer").isEqualTo("127.0.0.2");
        }
    }

    /** The close code of a connection the relay refuses right after its handshake (1008 expected). */
    private static int refusedWith(Map<String, String> headers) throws Exception {
        SimulatedClient c;
        try {
            c = SimulatedClient.connectFrom("127.0.0.1", uri(), headers);
        } catch (java.io.IOException closedBeforeTheClientSawItOpen) {
            // the close frame may overtake the client's own "open": the message carries the code
            return closedBeforeTheClientSawItOpen.getMessage().contains(": 1008 ") ? 1008 : -1;
        }
        try (c) {
            assertThat(c.awaitClosed(T)).isTrue();
            return c.closeCode();
        }
    }

    @Test
    void thePerAddressCapCountsForwardedClientsNotTheProxy() throws Exception {
        Map<String, String> a = Map.of("X-Forwarded-For", "198.51.100.1");
        Map<String, String> b = Map.of("X-Forwarded-For", "198.51.100.2");
        try (SimulatedClient a1 = SimulatedClient.connectFrom("127.0.0.1", uri(), a);
             SimulatedClient a2 = SimulatedClient.connectFrom("127.0.0.1", uri(), a)) {
            assertThat(refusedWith(a)).as("third from 198.51.100.1").isEqualTo(1008);
            try (SimulatedClient b1 = SimulatedClient.connectFrom("127.0.0.1", uri(), b);
                 SimulatedClient b2 = SimulatedClient.connectFrom("127.0.0.1", uri(), b)) {
                Thread.sleep(300);
                assertThat(a1.isOpen() && a2.isOpen() && b1.isOpen() && b2.isOpen())
                        .as("four through one proxy, two per client address").isTrue();
            }
        }
    }
}
