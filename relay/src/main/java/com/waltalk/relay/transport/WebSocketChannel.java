package com.waltalk.relay.transport;

import com.waltalk.protocol.CloseCode;
import com.waltalk.relay.fanout.ClientChannel;
import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/** {@link ClientChannel} over a Java-WebSocket connection. Thread-safe (the library synchronizes writes). */
final class WebSocketChannel implements ClientChannel {

    private final WebSocket socket;

    WebSocketChannel(WebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void sendBinary(ByteBuffer message) {
        try {
            socket.send(message);
        } catch (WebsocketNotConnectedException closing) {
            // the client went away while we were sending; onClose cleans up
        }
    }

    @Override
    public void sendText(String message) {
        try {
            socket.send(message);
        } catch (WebsocketNotConnectedException closing) {
            // idem
        }
    }

    @Override
    public long bufferedBytes() {
        if (!(socket instanceof WebSocketImpl impl)) {
            return 0;
        }
        long total = 0;
        for (ByteBuffer b : impl.outQueue) {
            total += b.remaining();
        }
        return total;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close(CloseCode code, String reason) {
        socket.close(code.code(), reason);
    }
}
