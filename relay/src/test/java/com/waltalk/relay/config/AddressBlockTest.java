package com.waltalk.relay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressBlockTest {

    @Test
    void blocksContainTheirAddressesOnly() throws Exception {
        AddressBlock b = AddressBlock.parse("192.168.4.0/22");
        assertThat(b.contains(InetAddress.getByName("192.168.7.255"))).isTrue();
        assertThat(b.contains(InetAddress.getByName("192.168.8.0"))).isFalse();
        assertThat(AddressBlock.parse("2001:db8::/32").contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
        assertThat(AddressBlock.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2"))).isFalse();
        assertThat(AddressBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void anythingButALiteralIsAClearErrorAndNeverADnsLookUp() {
        assertThatThrownBy(() -> AddressBlock.parse("proxy.example.com")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> AddressBlock.parse("10.0.0.0/33")).hasMessageContaining("0..32");
        assertThatThrownBy(() -> AddressBlock.parse("10.0.0/8")).hasMessageContaining("not an IP address");
    }
}
