package com.waltalk.relay.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * An IP address block in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a single address
 * ({@code 127.0.0.1}, a /32 or /128). Used for the trusted reverse proxies. Immutable; thread-safe.
 */
public final class AddressBlock {

    // only literals: a host name here would mean a DNS look-up per parse, and a changing meaning
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressBlock(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code address[/prefix]}.
     *
     * @throws IllegalArgumentException with an operator-readable message for anything else
     */
    public static AddressBlock parse(String value) {
        String v = value.trim();
        int slash = v.indexOf('/');
        String host = slash < 0 ? v : v.substring(0, slash);
        InetAddress address = literal(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + value + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8)");
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + value + "': the prefix length must be 0.." + bits);
            }
        }
        return new AddressBlock(mask(bytes, prefix), prefix, v);
    }

    /** An IP literal (IPv4 dotted or IPv6, brackets allowed) without any DNS look-up, or null. */
    public static InetAddress literal(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty() || !LITERAL.matcher(t).matches() || (t.indexOf(':') < 0 && t.chars().filter(c -> c == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(t); // a literal: no look-up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6 block and vice versa). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.length && Arrays.equals(mask(a, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] m = address.clone();
        for (int i = 0; i < m.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            m[i] &= (byte) (0xFF00 >>> keep);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressBlock b && b.prefix == prefix && Arrays.equals(b.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
