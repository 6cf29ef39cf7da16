package com.waltalk.relay.cli;

import com.waltalk.relay.config.AddressBlock;
import com.waltalk.relay.config.RelaySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code serve}'s connection hygiene options (docs/OPERATIONS.md 12.1, 12.2). */
final class ConnectionOptions {

    @Option(names = "--handshake-timeout", defaultValue = "${env:WALTALK_HANDSHAKE_TIMEOUT:-10s}",
            converter = Converters.DurationConverter.class,
            description = "a connection that has not completed its WebSocket handshake by then is closed "
                    + "(env WALTALK_HANDSHAKE_TIMEOUT, default ${DEFAULT-VALUE})")
    Duration handshakeTimeout;

    @Option(names = "--max-connections-per-address", defaultValue = "${env:WALTALK_MAX_CONNECTIONS_PER_ADDRESS:-50}",
            description = "concurrent connections from one client address, an IPv6 client's /64 "
                    + "(env WALTALK_MAX_CONNECTIONS_PER_ADDRESS, default ${DEFAULT-VALUE})")
    int maxPerAddress;

    @Option(names = "--new-connections-per-address", defaultValue = "${env:WALTALK_NEW_CONNECTIONS_PER_ADDRESS:-10}",
            description = "new connections per second from one client address, bursts of twice that "
                    + "(env WALTALK_NEW_CONNECTIONS_PER_ADDRESS, default ${DEFAULT-VALUE})")
    int perSecond;

    @Option(names = "--max-connections", defaultValue = "${env:WALTALK_MAX_CONNECTIONS:-0}",
            description = "connections in all; 0 = sized from the heap (-Xmx) and the file-descriptor limit "
                    + "(env WALTALK_MAX_CONNECTIONS, default ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--trusted-proxies", defaultValue = "${env:WALTALK_TRUSTED_PROXIES:-}",
            description = "comma-separated addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names "
                    + "the client (env WALTALK_TRUSTED_PROXIES, default none)")
    String trustedProxies;

    @Option(names = "--plaintext-behind-proxy", defaultValue = "${env:WALTALK_PLAINTEXT_BEHIND_PROXY:-false}",
            description = "serve unencrypted ws:// on a non-loopback address: only behind a TLS-terminating proxy "
                    + "or on a network you trust (env WALTALK_PLAINTEXT_BEHIND_PROXY, default ${DEFAULT-VALUE})")
    boolean plaintextBehindProxy;

    RelaySettings.Connections settings() {
        return new RelaySettings.Connections(handshakeTimeout, maxPerAddress, perSecond, maxConnections,
                blocks(trustedProxies), plaintextBehindProxy);
    }

    /**
     * {@code 10.0.0.0/8,127.0.0.1}: a list of {@link AddressBlock}s; empty for none.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or block
     */
    static List<AddressBlock> blocks(String value) {
        List<AddressBlock> blocks = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    blocks.add(AddressBlock.parse(part));
                }
            }
        }
        return List.copyOf(blocks);
    }
}
