package com.waltalk.relay.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Admits or refuses connections: at most {@code maxConnections} in all, at most {@code maxPerAddress} at once
 * from one client address, and new ones from one address at {@code perSecond} (a token bucket holding
 * {@code 2 * perSecond}). An IPv6 client counts by its /64, since one host usually has a whole /64 to pick from.
 *
 * <p>Counting is in memory, per relay: a connection is a socket of this process. Each admission is paired
 * with one release; addresses with nothing open and a full bucket are forgotten by {@link #purge()}, so the
 * table holds only addresses seen in the last few seconds.
 *
 * <p>Thread-safe: one lock; every operation is a few map operations (admissions come from the selector thread,
 * releases from any thread).
 */
final class ConnectionGate {

    /** Why a connection was refused; the metric's {@code reason} tag. */
    enum Refusal {
        /** The relay-wide cap (sized from the heap by default) is reached. */
        RELAY_FULL("relay_full"),
        /** This address has {@code maxPerAddress} connections open already. */
        ADDRESS_FULL("address_full"),
        /** This address opened connections faster than {@code perSecond}. */
        ADDRESS_RATE("address_rate");

        final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    private static final class PerAddress {
        int open;
        double tokens;
        long refilledNanos;
    }

    private final int maxConnections;
    private final int maxPerAddress;
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, PerAddress> addresses = new HashMap<>();
    private final Map<Refusal, AtomicLong> refused = new EnumMap<>(Refusal.class);
    private int open;

    ConnectionGate(int maxConnections, int maxPerAddress, int perSecond, LongSupplier nanoClock) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
        this.nanoClock = nanoClock;
        for (Refusal r : Refusal.values()) {
            refused.put(r, new AtomicLong());
        }
    }

    /** The key an address is counted under: an IPv4 address itself, an IPv6 address's /64. */
    static String keyOf(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] a = address.getAddress();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            b.append(Integer.toHexString(((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF))).append(':');
        }
        return b.append(":/64").toString();
    }

    /** Takes a relay-wide slot; null if admitted (then {@link #releaseRelay()} once), else why not. */
    synchronized Refusal admitRelay() {
        if (open >= maxConnections) {
            return refuse(Refusal.RELAY_FULL);
        }
        open++;
        return null;
    }

    synchronized void releaseRelay() {
        open--;
    }

    /** Takes a slot of {@code key}'s; null if admitted (then {@link #releaseAddress} once), else why not. */
    synchronized Refusal admitAddress(String key) {
        long now = nanoClock.getAsLong();
        PerAddress a = addresses.get(key);
        if (a == null) {
            a = new PerAddress();
            a.tokens = burst;
            a.refilledNanos = now;
            addresses.put(key, a);
        } else {
            refill(a, now);
        }
        if (a.open >= maxPerAddress) {
            return refuse(Refusal.ADDRESS_FULL);
        }
        if (a.tokens < 1) {
            return refuse(Refusal.ADDRESS_RATE);
        }
        a.tokens -= 1;
        a.open++;
        return null;
    }

    synchronized void releaseAddress(String key) {
        PerAddress a = addresses.get(key);
        if (a != null) {
            a.open--;
        }
    }

    /** Forgets addresses with nothing open whose bucket has filled up again. */
    synchronized void purge() {
        long now = nanoClock.getAsLong();
        for (Iterator<PerAddress> i = addresses.values().iterator(); i.hasNext(); ) {
            PerAddress a = i.next();
            refill(a, now);
            if (a.open <= 0 && a.tokens >= burst) {
                i.remove();
            }
        }
    }

    private void refill(PerAddress a, long now) {
        double elapsed = (now - a.refilledNanos) / 1e9;
        if (elapsed > 0) {
            a.tokens = Math.min(burst, a.tokens + elapsed * perSecond);
            a.refilledNanos = now;
        }
    }

    private Refusal refuse(Refusal why) {
        refused.get(why).incrementAndGet();
        return why;
    }

    /** Connections admitted and not yet released. */
    synchronized int open() {
        return open;
    }

    synchronized int openFrom(String key) {
        PerAddress a = addresses.get(key);
        return a == null ? 0 : a.open;
    }

    /** Addresses currently remembered (open connections or a bucket still refilling). */
    synchronized int addressesTracked() {
        return addresses.size();
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Connections refused for {@code why} since start. */
    long refused(Refusal why) {
        return refused.get(why).get();
    }
}
