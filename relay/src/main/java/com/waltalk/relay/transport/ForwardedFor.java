package com.waltalk.relay.transport;

import com.waltalk.relay.config.AddressBlock;
import java.net.InetAddress;
import java.util.List;

/**
 * The client's address behind trusted reverse proxies. {@code X-Forwarded-For} is believed only when the TCP
 * peer is a configured proxy, and then only up to the first hop, from the right, that is not a configured
 * proxy: every proxy appends the address it received the request from, so the entries right of that hop were
 * written by proxies we trust, and anything left of it was written by the client and may be forged (the
 * "rightmost untrusted" rule of nginx's {@code real_ip_recursive} and Synapse's {@code x_forwarded}).
 *
 * <p>Immutable; thread-safe.
 */
final class ForwardedFor {

    static final String HEADER = "X-Forwarded-For";

    private final List<AddressBlock> proxies;

    ForwardedFor(List<AddressBlock> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    boolean isTrustedProxy(InetAddress peer) {
        for (AddressBlock b : proxies) {
            if (b.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address: {@code peer} itself unless it is a trusted proxy; else the rightmost entry of
     * {@code header} that is not a trusted proxy. An entry that is not an IP literal ends the walk at the hop
     * after it (the proxy that received it), as does a missing header.
     */
    InetAddress client(InetAddress peer, String header) {
        if (!isTrustedProxy(peer) || header == null) {
            return peer;
        }
        InetAddress candidate = peer;
        String[] hops = header.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = AddressBlock.literal(hops[i]);
            if (hop == null) {
                return candidate;
            }
            if (!isTrustedProxy(hop)) {
                return hop;
            }
            candidate = hop;
        }
        return candidate;
    }
}
