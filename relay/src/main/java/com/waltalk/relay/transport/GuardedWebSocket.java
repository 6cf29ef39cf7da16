package com.waltalk.relay.transport;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketListener;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;

/**
 * A server connection that stays small until its WebSocket handshake is done, knows when it was accepted
 * (for {@link HandshakeDeadline}) and gives back its {@link ConnectionGate} slots when it closes.
 *
 * <p>Why the copy in {@link #decode}: Java-WebSocket keeps an incomplete handshake in a buffer sized from the
 * <em>capacity</em> of the buffer it was read into (its 64 KiB read buffer, plus 128 bytes), so every
 * connection that had sent half an upgrade request held about 66 KiB — 74 KB with the rest of the connection.
 * Handing it a buffer exactly as large as what arrived keeps that to the bytes really sent. A handshake is
 * also capped at {@link #MAX_HANDSHAKE_BYTES}.
 *
 * <p>Thread-safety: {@link #decode} runs on the connection's decoder thread; the slot bookkeeping is
 * guarded by its own lock, since close may happen on any thread.
 */
final class GuardedWebSocket extends WebSocketImpl {

    /** Largest opening handshake accepted (nginx allows 4 × 8 KiB of headers; clients send ~300 bytes). */
    static final int MAX_HANDSHAKE_BYTES = 16 * 1024;

    private final long acceptedNanos = System.nanoTime();
    private final Object slots = new Object();
    private volatile InetAddress peer;
    private volatile InetAddress client;
    private ConnectionGate gate; // guarded by slots
    private boolean holdsRelaySlot; // guarded by slots
    private String addressKey; // guarded by slots
    private boolean released; // guarded by slots
    private int handshakeBytes; // decoder thread only

    GuardedWebSocket(WebSocketListener listener, List<Draft> drafts) {
        super(listener, drafts);
    }

    @Override
    public void decode(ByteBuffer socketBuffer) {
        if (getReadyState() != ReadyState.NOT_YET_CONNECTED) {
            super.decode(socketBuffer);
            return;
        }
        handshakeBytes += socketBuffer.remaining();
        if (handshakeBytes > MAX_HANDSHAKE_BYTES) {
            socketBuffer.position(socketBuffer.limit());
            closeConnection(CloseFrame.TOOBIG, "opening handshake over " + MAX_HANDSHAKE_BYTES + " bytes", false);
            return;
        }
        ByteBuffer exact = ByteBuffer.allocate(socketBuffer.remaining());
        exact.put(socketBuffer).flip();
        super.decode(exact);
    }

    long acceptedNanos() {
        return acceptedNanos;
    }

    /** The TCP peer (a proxy's address when behind one). */
    InetAddress peer() {
        return peer;
    }

    /** The client's address: the peer, or what trusted proxies forwarded. */
    InetAddress client() {
        InetAddress c = client;
        return c == null ? peer : c;
    }

    void setPeer(InetAddress peer) {
        this.peer = peer;
    }

    void setClient(InetAddress client) {
        this.client = client;
    }

    /** Records the relay slot taken for this connection; false (and it is given back) if already closed. */
    boolean holdRelaySlot(ConnectionGate g) {
        synchronized (slots) {
            if (!released) {
                gate = g;
                holdsRelaySlot = true;
                return true;
            }
        }
        g.releaseRelay();
        return false;
    }

    /** Records the address slot taken for this connection; false (and it is given back) if already closed. */
    boolean holdAddressSlot(ConnectionGate g, String key) {
        synchronized (slots) {
            if (!released) {
                gate = g;
                addressKey = key;
                return true;
            }
        }
        g.releaseAddress(key);
        return false;
    }

    @Override
    public void closeConnection(int code, String message, boolean remote) {
        try {
            super.closeConnection(code, message, remote);
        } finally {
            releaseSlots();
        }
    }

    /** Gives the slots back for a connection the library never got to use (refused or failed at accept). */
    void abandon() {
        releaseSlots();
    }

    private void releaseSlots() {
        ConnectionGate g;
        boolean relay;
        String key;
        synchronized (slots) {
            if (released) {
                return;
            }
            released = true;
            g = gate;
            relay = holdsRelaySlot;
            key = addressKey;
        }
        if (g != null) {
            if (relay) {
                g.releaseRelay();
            }
            if (key != null) {
                g.releaseAddress(key);
            }
        }
    }
}
