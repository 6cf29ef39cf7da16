package com.waltalk.relay.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.WrappedByteChannel;
import org.java_websocket.drafts.Draft;

/**
 * Wraps another server factory (plain or TLS) so every connection's socket is closed through a
 * {@link LingeringCloser} instead of at once.
 *
 * <p>Thread-safe as far as Java-WebSocket requires: it calls the factory from its selector thread.
 */
final class LingeringCloseFactory implements WebSocketServerFactory {

    private final WebSocketServerFactory delegate;
    private final LingeringCloser closer;

    LingeringCloseFactory(WebSocketServerFactory delegate, LingeringCloser closer) {
        this.delegate = delegate;
        this.closer = closer;
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
        return delegate.createWebSocket(a, d);
    }

    @Override
    public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
        return delegate.createWebSocket(a, drafts);
    }

    @Override
    public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
        ByteChannel inner = delegate.wrapChannel(channel, key);
        return new LingeringChannel(channel, inner, closer);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The channel Java-WebSocket reads and writes; only {@link #close()} differs from the wrapped one. */
    private static final class LingeringChannel implements WrappedByteChannel {
        private final SocketChannel socket;
        private final ByteChannel inner;
        private final WrappedByteChannel wrapped; // null for plain sockets
        private final LingeringCloser closer;

        LingeringChannel(SocketChannel socket, ByteChannel inner, LingeringCloser closer) {
            this.socket = socket;
            this.inner = inner;
            this.wrapped = inner instanceof WrappedByteChannel w ? w : null;
            this.closer = closer;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return inner.write(src);
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public void close() {
            closer.close(socket, inner);
        }

        @Override
        public boolean isNeedWrite() {
            return wrapped != null && wrapped.isNeedWrite();
        }

        @Override
        public void writeMore() throws IOException {
            if (wrapped != null) {
                wrapped.writeMore();
            }
        }

        @Override
        public boolean isNeedRead() {
            return wrapped != null && wrapped.isNeedRead();
        }

        @Override
        public int readMore(ByteBuffer dst) throws IOException {
            return wrapped == null ? 0 : wrapped.readMore(dst);
        }

        @Override
        public boolean isBlocking() {
            return wrapped == null ? socket.isBlocking() : wrapped.isBlocking();
        }
    }
}
