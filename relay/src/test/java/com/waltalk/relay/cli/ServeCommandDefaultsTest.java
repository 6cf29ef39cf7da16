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
}
