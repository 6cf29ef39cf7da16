package com.waltalk.relay.ingest;

import com.waltalk.protocol.media.MediaHeader;
import java.nio.ByteBuffer;

/**
 * One media frame accepted from a client, waiting to become a row. The sender is the relay's
 * stamp (the signed-in user of the connection), never a value the client sent.
 *
 * @param sender     user who sent the frame, as authenticated by the relay
 * @param header     the frame's header; {@code peer} is the recipient
 * @param payload    JPEG or PCM bytes (read-only view)
 * @param receivedNanos {@link System#nanoTime()} when the frame was read off the socket
 */
public record InboundMedia(String sender, MediaHeader header, ByteBuffer payload, long receivedNanos) {

    public int byteSize() {
        return payload.remaining() + 64;
    }
}
