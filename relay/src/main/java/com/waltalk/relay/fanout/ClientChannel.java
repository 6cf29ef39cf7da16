package com.waltalk.relay.fanout;

import com.waltalk.protocol.CloseCode;
import java.nio.ByteBuffer;

/**
 * The transport as the fan-out sees it: a connected client that takes whole protocol messages.
 * Implementations must be thread-safe and must never block the caller.
 */
public interface ClientChannel {

    void sendBinary(ByteBuffer message);

    void sendText(String message);

    /** Bytes handed to the transport that have not yet been written to the socket. */
    long bufferedBytes();

    boolean isOpen();

    /** Closes the connection with a WebSocket close code; the reason is shown to the client. */
    void close(CloseCode code, String reason);
}
