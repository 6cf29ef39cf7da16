package com.waltalk.relay.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain TCP sockets to the relay, as an attacker opens them: bound to a chosen source address. */
final class RawSockets {

    /** The first half of a WebSocket upgrade request: the headers never end. */
    static final byte[] HALF_UPGRADE = ("GET / HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\n").getBytes(StandardCharsets.US_ASCII);

    private RawSockets() {
    }

    static Socket open(String source, InetSocketAddress relay) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(relay, 5_000);
        return s;
    }

    static Socket halfUpgrade(String source, InetSocketAddress relay) throws IOException {
        Socket s = open(source, relay);
        s.getOutputStream().write(HALF_UPGRADE);
        s.getOutputStream().flush();
        return s;
    }

    /** Whether the relay closed (or reset) {@code s} within {@code wait}; false if it is still open then. */
    static boolean closedByRelayWithin(Socket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        try {
            while (true) {
                if (s.getInputStream().read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
