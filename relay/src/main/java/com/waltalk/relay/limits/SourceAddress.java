package com.waltalk.relay.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The subject that per-address limits count: an IPv4 address as it is, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so counting single IPv6 addresses would let anyone walk
 * around a limit), an IPv4-mapped IPv6 address as IPv4. Stateless.
 */
public final class SourceAddress {

    private SourceAddress() {
    }

    /**
     * The limit subject of a client address, given as an IP literal or as the transport prints a
     * socket address ({@code /203.0.113.7:51234}, {@code host/[2001:db8::1]:443}, {@code /2001:db8:0:0:0:0:0:1:443}).
     * Anything unparseable is used as it is (lower-cased), so it still counts, just on its own.
     */
    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String a = address.trim();
        int slash = a.indexOf('/');
        if (slash >= 0) {
            a = a.substring(slash + 1);
        }
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            a = end > 0 ? a.substring(1, end) : a.substring(1);
        } else if (a.indexOf(':') == a.lastIndexOf(':') && a.indexOf(':') > 0) {
            a = a.substring(0, a.indexOf(':')); // IPv4:port
        } else if (a.chars().filter(ch -> ch == ':').count() == 8) {
            a = a.substring(0, a.lastIndexOf(':')); // an uncompressed IPv6 address followed by :port
        }
        boolean literal = a.matches("\\d{1,3}(\\.\\d{1,3}){3}") || a.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
        if (!literal) {
            return a.toLowerCase(java.util.Locale.ROOT); // never resolve a name
        }
        try {
            InetAddress ip = InetAddress.getByName(a);
            if (ip instanceof Inet6Address) {
                byte[] b = ip.getAddress();
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
                }
                return s.append(":/64").toString();
            }
            return ip.getHostAddress();
        } catch (UnknownHostException e) {
            return a.toLowerCase(java.util.Locale.ROOT);
        }
    }
}
