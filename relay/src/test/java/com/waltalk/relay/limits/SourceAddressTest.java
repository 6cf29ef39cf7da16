package com.waltalk.relay.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SourceAddressTest {

    @Test
    void ipv4IsCountedByAddressWithoutThePort() {
        assertThat(SourceAddress.of("/203.0.113.7:51234")).isEqualTo("203.0.113.7");
        assertThat(SourceAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(SourceAddress.of(String.valueOf(new InetSocketAddress("127.0.0.2", 4000)))).isEqualTo("127.0.0.2");
    }

    @Test
    void ipv6IsCountedByItsSlash64() {
        String a = SourceAddress.of(String.valueOf(new InetSocketAddress("2001:db8:1:2:aaaa::1", 443)));
        String b = SourceAddress.of("[2001:db8:1:2:ffff::9]:8787");
        assertThat(a).isEqualTo("2001:db8:1:2::/64").isEqualTo(b);
        assertThat(SourceAddress.of("2001:db8:1:3::1")).isNotEqualTo(a);
    }

    @Test
    void ipv4MappedIpv6IsIpv4() {
        assertThat(SourceAddress.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void somethingElseCountsOnItsOwnAndIsNeverResolved() {
        assertThat(SourceAddress.of(null)).isEqualTo("unknown");
        assertThat(SourceAddress.of("cafe")).isEqualTo("cafe");
        assertThat(SourceAddress.of("Proxy.Example")).isEqualTo("proxy.example");
    }
}
