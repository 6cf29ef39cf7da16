package com.waltalk.relay;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.relay.config.RelaySettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Safe default: no plain ws:// on the network unless the operator says a TLS proxy is in front. */
class PlaintextRefusalTest {

    private static RelaySettings listeningOn(String host) {
        return RelaySettings.forLoopback(Path.of("unused"), "plain_test")
                .withListen(new InetSocketAddress(host, 0), new InetSocketAddress("127.0.0.1", 0));
    }

    @Test
    void aRelayOnAllInterfacesWithoutTlsDoesNotStartAndSaysWhyInOneSentence() {
        // Relay.start checks this before anything else is started: no database is touched
        assertThatThrownBy(() -> Relay.start(listeningOn("0.0.0.0")))
                .isInstanceOf(Relay.RelayStartException.class)
                .hasMessageContaining("refusing to serve unencrypted ws:// on 0.0.0.0")
                .hasMessageContaining("--tls-keystore").hasMessageContaining("--plaintext-behind-proxy");
    }

    @Test
    void loopbackTlsOrTheExplicitFlagAreAllowed() {
        assertThatCode(() -> Relay.refusePlaintextOnOpenNetwork(listeningOn("127.0.0.1"))).doesNotThrowAnyException();
        assertThatCode(() -> Relay.refusePlaintextOnOpenNetwork(listeningOn("0.0.0.0").withTls(Path.of("k.p12"), "x")))
                .doesNotThrowAnyException();
        assertThatCode(() -> Relay.refusePlaintextOnOpenNetwork(listeningOn("0.0.0.0").withConnections(
                RelaySettings.Connections.DEFAULT.withPlaintextBehindProxy(true)))).doesNotThrowAnyException();
    }
}
