package com.waltalk.relay.transport;

import com.waltalk.testing.RunningRelay;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.Ping;
import com.waltalk.testing.SimulatedClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client the relay closes while that client is still sending must still receive the close frame and
 * its reason. Closing a socket with unread input makes the kernel reset the connection, and the reset
 * throws away what the client had received but not read yet — so without the relay's lingering close
 * the client sees 1006 (abnormal closure) instead of the code the relay sent.
 */
class CloseReasonIT {

    private static final Duration T = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("close_reason_test");

    @Test
    void aClientFloodingUntilItIsClosedStillReadsPolicyViolation() throws Exception {
        for (int round = 0; round < 8; round++) {
            try (SimulatedClient c = relay.user("flooder" + round)) {
                try {
                    for (int i = 0; c.isOpen(); i++) {
                        c.sendControl(new Ping(i));
                    }
                } catch (WebsocketNotConnectedException closedWhileSending) {
                    // expected: the relay closed us mid-flood
                }
                assertThat(c.awaitClosed(T)).isTrue();
                assertThat(c.closeCode()).as("round %d close code", round).isEqualTo(1008);
            }
        }
    }

    @Test
    void aClientSendingAHugeMessageStillReadsTooBig() throws Exception {
        for (int round = 0; round < 4; round++) {
            try (SimulatedClient c = relay.user("huge" + round)) {
                try {
                    c.sendRaw(ByteBuffer.wrap(new byte[16 * 1024 * 1024]));
                } catch (WebsocketNotConnectedException closedWhileSending) {
                    // acceptable: the close arrived first
                }
                assertThat(c.awaitClosed(T)).isTrue();
                assertThat(c.closeCode()).as("round %d close code", round).isEqualTo(1009);
            }
        }
    }
}
