package com.waltalk.relay.transport;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 with every message bounded, including one sent in fragments.
 *
 * <p>Java-WebSocket 1.6.0 checks the size of a fragmented message at its first and at its final
 * fragment only: a client that keeps sending non-final continuation frames is buffered without limit,
 * until an OutOfMemoryError stops the whole server. Here every fragment is counted and the connection
 * is closed with 1009 as soon as the message passes {@code maxMessageBytes}, as a whole message would be.
 * Client frames are unmasked word-wise by a {@link ClientFrameUnmasker} before parsing (and must be masked).
 *
 * <p>One instance per connection ({@link #copyInstance}); used by that connection's reading thread only.
 */
final class BoundedDraft extends Draft_6455 {

    private final int maxMessageBytes;
    private final ClientFrameUnmasker unmasker = new ClientFrameUnmasker();
    private long messageBytes;

    BoundedDraft(int maxMessageBytes) {
        super(List.<IExtension>of(), List.<IProtocol>of(new Protocol("")), maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        return super.translateFrame(unmasker.unmask(buffer));
    }

    @Override
    public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
        Opcode op = frame.getOpcode();
        boolean fragment = op == Opcode.CONTINUOUS || (!frame.isFin() && (op == Opcode.TEXT || op == Opcode.BINARY));
        if (fragment) {
            if (op != Opcode.CONTINUOUS) {
                messageBytes = 0; // first fragment of a new message
            }
            messageBytes += frame.getPayloadData().remaining();
            if (messageBytes > maxMessageBytes) {
                messageBytes = 0;
                throw new LimitExceededException("fragmented message over " + maxMessageBytes + " bytes",
                        maxMessageBytes);
            }
        }
        super.processFrame(connection, frame);
        if (fragment && frame.isFin()) {
            messageBytes = 0;
        }
    }

    @Override
    public Draft copyInstance() {
        return new BoundedDraft(maxMessageBytes);
    }
}
