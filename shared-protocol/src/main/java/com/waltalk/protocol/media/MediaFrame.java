package com.waltalk.protocol.media;

import com.waltalk.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One media frame: a header and its payload.
 *
 * <p>The payload is held as a read-only view of the bytes given to the constructor, without
 * copying. {@link #payload()} returns a fresh read-only view each time, positioned at 0 with its
 * limit at the payload length, so readers never disturb one another. {@link #equals} and
 * {@link #hashCode} compare payload <em>content</em>.
 *
 * <p>Thread-safety: immutable as long as nobody writes to the underlying bytes (the decoder
 * shares them with the received message, so the caller must not reuse that buffer while the
 * frame is in use); then safe to share between threads.
 *
 * @param header the frame header
 * @param payload the payload bytes
 */
public record MediaFrame(MediaHeader header, ByteBuffer payload) {

    /**
     * @param header the frame header
     * @param payload the payload: its remaining bytes; its position is not changed
     * @throws IllegalArgumentException if the payload breaks the rules for the header's kind
     * @throws NullPointerException if an argument is {@code null}
     */
    public MediaFrame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        try {
            MediaRules.checkPayload(header, payload);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        payload = payload.slice().asReadOnlyBuffer();
    }

    /** A fresh read-only view of the payload, position 0, limit = {@link #payloadLength()}. */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** The payload length in bytes. */
    public int payloadLength() {
        return payload.remaining();
    }

    /**
     * Equal if the headers are equal and the payloads hold the same bytes. Overridden because the
     * derived record equality would defer to {@link ByteBuffer#equals}, which depends on each
     * buffer's position; here it is stated explicitly in terms of content.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MediaFrame other
                && header.equals(other.header)
                && payload.mismatch(other.payload) == -1;
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + payload.hashCode();
    }

    @Override
    public String toString() {
        return "MediaFrame[header=" + header + ", payloadLength=" + payloadLength() + "]";
    }
}
