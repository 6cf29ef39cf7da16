package com.waltalk.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.config.RelaySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code relay serve} runs with when nothing is said: the protocol's published call timings. */
class ServeCommandDefaultsTest {

    @Test
    void aRelayServedWithoutOptionsRingsFor30SecondsAndWaits15ForAPartyToComeBack() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        RelaySettings.Timeouts timeouts = serve.settings().timeouts();
        assertThat(timeouts.ringTimeout()).as("ring timeout (PROTOCOL.md: 30 s, then missed)")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(timeouts.reconnectGrace()).as("reconnect grace (PROTOCOL.md: 15 s)")
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(timeouts).isEqualTo(RelaySettings.Timeouts.DEFAULT);
    }

    @Test
    void aRelayServedWithoutOptionsHasThePublicConnectionLimits() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.settings().connections()).isEqualTo(RelaySettings.Connections.DEFAULT);
        assertThat(serve.settings().connections().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void connectionOptionsAreParsedAndABadProxyBlockIsAClearError() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--trusted-proxies", "10.0.0.0/8, 127.0.0.1", "--plaintext-behind-proxy",
                "--max-connections-per-address", "7", "--handshake-timeout", "3s");
        RelaySettings.Connections c = serve.settings().connections();
        assertThat(c.trustedProxies()).hasToString("[10.0.0.0/8, 127.0.0.1]");
        assertThat(c.plaintextBehindProxy()).isTrue();
        assertThat(c.maxPerAddress()).isEqualTo(7);
        assertThat(c.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        ServeCommand bad = new ServeCommand();
        new CommandLine(bad).parseArgs("--trusted-proxies", "proxy.example");
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::settings)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("proxy.example");
    }
}
