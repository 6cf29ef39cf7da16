package com.waltalk.relay.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/**
 * The server's connection factory: makes {@link GuardedWebSocket}s, and right after {@code accept()} admits or
 * refuses each socket through the {@link ConnectionGate} before the wrapped factory (plain or TLS, with
 * lingering close) allocates anything for it — a TLS engine alone is tens of kilobytes.
 *
 * <p>Java-WebSocket calls {@code createWebSocket} and then {@code wrapChannel} for every accepted socket
 * (its {@code onConnect} hook is called before {@code accept()} and cannot see the peer). A refusal is an
 * {@link IOException} from {@code wrapChannel}, on which the library closes the raw socket at once. What a
 * refused socket has cost by then is the library's empty connection object, a few hundred bytes of garbage.
 *
 * <p>A peer that is a trusted proxy is only counted against the relay-wide cap here: its clients are
 * counted per address when their handshake names them ({@link RelayWebSocketServer#onOpen}).
 *
 * <p>Thread-safe as far as Java-WebSocket requires: it calls the factory from its selector thread.
 */
final class AdmissionFactory implements WebSocketServerFactory {

    private final WebSocketServerFactory delegate;
    private final ConnectionGate gate;
    private final ForwardedFor forwarded;
    private final HandshakeDeadline deadline;
    private final ListenerProbe probe;

    AdmissionFactory(WebSocketServerFactory delegate, ConnectionGate gate, ForwardedFor forwarded,
                     HandshakeDeadline deadline, ListenerProbe probe) {
        this.delegate = delegate;
        this.probe = probe;
        this.gate = gate;
        this.forwarded = forwarded;
        this.deadline = deadline;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
        return new GuardedWebSocket(a, List.of(d));
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
        return new GuardedWebSocket(a, drafts);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        GuardedWebSocket ws = (GuardedWebSocket) key.attachment();
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        InetAddress peer = remote.getAddress();
        ws.setPeer(peer);
        if (probe.isProbe(remote)) {
            deadline.track(ws); // the relay's own health probe: never refused, so an attack cannot fail it
            return delegate.wrapChannel(channel, key);
        }
        ConnectionGate.Refusal refusal = gate.admitRelay();
        if (refusal != null) {
            throw new Refused(refusal);
        }
        ws.holdRelaySlot(gate);
        if (!forwarded.isTrustedProxy(peer)) {
            String k = ConnectionGate.keyOf(peer);
            refusal = gate.admitAddress(k);
            if (refusal != null) {
                ws.abandon();
                throw new Refused(refusal);
            }
            ws.holdAddressSlot(gate, k);
        }
        ByteChannel wrapped;
        try {
            wrapped = delegate.wrapChannel(channel, key);
        } catch (IOException | RuntimeException e) {
            ws.abandon();
            throw e;
        }
        deadline.track(ws);
        return wrapped;
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A connection refused at accept; the library closes its socket. */
    static final class Refused extends IOException {
        Refused(ConnectionGate.Refusal why) {
            super("connection refused: " + why.tag);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // refusals are routine under attack: no stack to build
        }
    }
}
