package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectionGateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void anAddressGetsAtMostItsConcurrentShareAndItsSlotsBackOnRelease() {
        ConnectionGate gate = new ConnectionGate(1000, 3, 1000, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(gate.admitAddress("10.0.0.1")).isNull();
        }
        assertThat(gate.admitAddress("10.0.0.1")).isEqualTo(ConnectionGate.Refusal.ADDRESS_FULL);
        assertThat(gate.admitAddress("10.0.0.2")).as("another address is not affected").isNull();
        gate.releaseAddress("10.0.0.1");
        assertThat(gate.admitAddress("10.0.0.1")).isNull();
        assertThat(gate.refused(ConnectionGate.Refusal.ADDRESS_FULL)).isEqualTo(1);
    }

    @Test
    void newConnectionsPerSecondAreATokenBucketWithBurstsOfTwiceTheRate() {
        ConnectionGate gate = new ConnectionGate(1000, 1000, 5, now::get);
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            if (gate.admitAddress("10.0.0.1") == null) {
                admitted++;
            }
        }
        assertThat(admitted).as("a burst of twice the rate").isEqualTo(10);
        assertThat(gate.admitAddress("10.0.0.1")).isEqualTo(ConnectionGate.Refusal.ADDRESS_RATE);
        now.addAndGet(1_000_000_000L); // one second: five more tokens
        admitted = 0;
        for (int i = 0; i < 20; i++) {
            if (gate.admitAddress("10.0.0.1") == null) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void theRelayWideCapCountsEveryConnection() {
        ConnectionGate gate = new ConnectionGate(2, 10, 10, now::get);
        assertThat(gate.admitRelay()).isNull();
        assertThat(gate.admitRelay()).isNull();
        assertThat(gate.admitRelay()).isEqualTo(ConnectionGate.Refusal.RELAY_FULL);
        gate.releaseRelay();
        assertThat(gate.admitRelay()).isNull();
        assertThat(gate.open()).isEqualTo(2);
    }

    @Test
    void idleAddressesAreForgottenOnceTheirBucketIsFull() {
        ConnectionGate gate = new ConnectionGate(1000, 10, 10, now::get);
        gate.admitAddress("10.0.0.1");
        gate.admitAddress("10.0.0.2");
        gate.releaseAddress("10.0.0.1");
        gate.purge();
        assertThat(gate.addressesTracked()).as("bucket still refilling").isEqualTo(2);
        now.addAndGet(1_000_000_000L);
        gate.purge();
        assertThat(gate.addressesTracked()).as("only the address with an open connection").isEqualTo(1);
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() throws Exception {
        assertThat(ConnectionGate.keyOf(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
                .isEqualTo(ConnectionGate.keyOf(InetAddress.getByName("2001:db8:1:2:bbbb::7")))
                .isNotEqualTo(ConnectionGate.keyOf(InetAddress.getByName("2001:db8:1:3::1")));
        assertThat(ConnectionGate.keyOf(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
    }
}
