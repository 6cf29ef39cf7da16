package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.config.AddressBlock;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedForTest {

    private final ForwardedFor forwarded = new ForwardedFor(List.of(AddressBlock.parse("10.0.0.0/8"),
            AddressBlock.parse("127.0.0.1")));

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void theHeaderOfAPeerThatIsNoConfiguredProxyIsIgnored() throws Exception {
        assertThat(forwarded.client(ip("198.51.100.9"), "203.0.113.5")).isEqualTo(ip("198.51.100.9"));
    }

    @Test
    void theRightmostHopThatIsNoTrustedProxyIsTheClient() throws Exception {
        // the client forged "1.2.3.4"; our proxies 10.1.1.1 and 127.0.0.1 appended what they saw
        assertThat(forwarded.client(ip("127.0.0.1"), "1.2.3.4, 203.0.113.5, 10.1.1.1"))
                .isEqualTo(ip("203.0.113.5"));
    }

    @Test
    void withoutAHeaderOrWithGarbageTheProxyHopStands() throws Exception {
        assertThat(forwarded.client(ip("127.0.0.1"), null)).isEqualTo(ip("127.0.0.1"));
        assertThat(forwarded.client(ip("127.0.0.1"), "evil.example, 10.2.2.2")).isEqualTo(ip("10.2.2.2"));
        assertThat(forwarded.client(ip("127.0.0.1"), "")).isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void ipv6HopsAreUnderstood() throws Exception {
        assertThat(forwarded.client(ip("10.0.0.1"), "2001:db8::7")).isEqualTo(ip("2001:db8::7"));
    }
}
