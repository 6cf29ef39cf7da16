package com.waltalk.desktop.host;

import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The bundled relay running inside the app ("Host on this computer"): embedded PostgreSQL in the
 * user's data directory, WebSocket on all interfaces so another computer on the network can connect.
 *
 * <p>Starting takes seconds (PostgreSQL starts); call {@link #start} off the JavaFX thread.
 * Thread-safe: immutable after start; {@link #close} is idempotent.
 */
public final class HostedRelay implements AutoCloseable {

    /** The port the relay normally listens on (the same as {@code relay serve}). */
    public static final int DEFAULT_PORT = 8787;

    private final Relay relay;

    private HostedRelay(Relay relay) {
        this.relay = relay;
    }

    /**
     * Starts a relay listening on {@code bindHost:port} (port 0 picks a free one) with its database in
     * {@code dataDir}; if {@code port} is taken, a free port is used instead.
     */
    public static HostedRelay start(Path dataDir, String bindHost, int port, RelaySettings.Timeouts timeouts)
            throws Relay.RelayStartException {
        Objects.requireNonNull(dataDir, "dataDir");
        // Host mode serves the other laptop on this network over plain ws://, by the user's choice: the relay's
        // explicit plaintext flag, and a public relay's per-address limits since the network may be a café's.
        RelaySettings settings = RelaySettings.forLoopback(dataDir, "app")
                .withListen(new InetSocketAddress(bindHost, port), new InetSocketAddress("127.0.0.1", 0))
                .withTimeouts(timeouts)
                .withConnections(RelaySettings.Connections.DEFAULT.withPlaintextBehindProxy(true));
        try {
            return new HostedRelay(Relay.start(settings));
        } catch (Relay.RelayStartException e) {
            if (port != 0 && isAddressInUse(e)) {
                return new HostedRelay(Relay.start(settings.withListen(new InetSocketAddress(bindHost, 0),
                        new InetSocketAddress("127.0.0.1", 0))));
            }
            throw e;
        }
    }

    private static boolean isAddressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || (t.getMessage() != null && t.getMessage().toLowerCase().contains("address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts with the app's defaults: all interfaces, port 8787 (or a free one), default timeouts. */
    public static HostedRelay startForNetwork(Path dataDir) throws Relay.RelayStartException {
        return start(dataDir, "0.0.0.0", DEFAULT_PORT, RelaySettings.Timeouts.DEFAULT);
    }

    public int port() {
        return relay.webSocketAddress().getPort();
    }

    /** The address this computer's own app uses. */
    public String localUri() {
        return "ws://127.0.0.1:" + port();
    }

    /**
     * The addresses another computer on the network should enter: one per non-loopback IPv4 address of
     * an interface that is up (virtual and Docker bridges last). Empty if the machine has no network.
     */
    public List<String> networkUris() {
        if (!relay.webSocketAddress().getAddress().isAnyLocalAddress()) {
            return List.of();
        }
        return addresses().stream().map(a -> "ws://" + a.getHostAddress() + ":" + port()).toList();
    }

    static List<InetAddress> addresses() {
        List<InetAddress> real = new ArrayList<>();
        List<InetAddress> virtual = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                String name = ni.getName().toLowerCase();
                boolean isVirtual = ni.isVirtual() || name.startsWith("docker") || name.startsWith("br-")
                        || name.startsWith("veth") || name.startsWith("virbr") || name.startsWith("vmnet");
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        (isVirtual ? virtual : real).add(a);
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        real.addAll(virtual);
        return real;
    }

    public Relay relay() {
        return relay;
    }

    @Override
    public void close() {
        relay.close();
    }
}
