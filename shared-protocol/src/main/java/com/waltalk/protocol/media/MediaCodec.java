package com.waltalk.protocol.media;

import static com.waltalk.protocol.media.MediaLayout.*;

import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.UserNames;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Encodes and decodes binary media messages (one WebSocket binary message each) in the version
 * 1 wire format described in {@code docs/PROTOCOL.md}.
 *
 * <p>Thread-safety: stateless; safe to use from any thread. Buffers passed in must not be
 * modified by another thread during a call.
 */
public final class MediaCodec {

    private MediaCodec() {
    }

    /**
     * Decodes one media message from {@code message}'s remaining bytes.
     *
     * <p>For any content this returns a valid frame or throws {@link ProtocolException}; it never
     * throws anything else for bad input. The position of {@code message} is not changed. The
     * returned payload is a zero-copy read-only slice of {@code message}.
     *
     * @throws ProtocolException if the message breaks the protocol; its code tells how
     * @throws NullPointerException if {@code message} is {@code null}
     */
    public static MediaFrame decode(ByteBuffer message) throws ProtocolException {
        Objects.requireNonNull(message, "message");
        return MediaDecoder.decode(message);
    }

    /**
     * Encodes a header and payload into a new heap buffer, position 0, limit = total size.
     *
     * @param payload its remaining bytes are the payload; its position is not changed
     * @throws IllegalArgumentException if the payload breaks the rules for the header's kind
     *     (empty, too large, audio not whole sample frames, video not starting with FF D8)
     */
    public static ByteBuffer encode(MediaHeader header, ByteBuffer payload) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        try {
            MediaRules.checkPayload(header, payload);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ByteBuffer out = ByteBuffer.allocate(headerLength(header.peer()) + payload.remaining());
        writeHeader(header, payload.remaining(), out);
        out.put(payload.duplicate());
        return out.flip();
    }

    /**
     * The encoded header length for a frame addressed to or from {@code peer}: 32 plus the
     * peer's UTF-8 length.
     *
     * @throws IllegalArgumentException if {@code peer} is not a valid user name
     */
    public static int headerLength(String peer) {
        try {
            // valid names are ASCII, so the UTF-8 length is the char count
            return FIXED_LENGTH + UserNames.validate(peer).length();
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Writes {@code header} at {@code dst}'s position, in network byte order whatever
     * {@code dst}'s byte order, and advances the position by
     * {@link #headerLength(String) headerLength(header.peer())}. The caller then appends exactly
     * {@code payloadLength} payload bytes. Nothing is written if an exception is thrown.
     *
     * @param payloadLength the length of the payload that will follow; checked against the
     *     kind's size and framing rules (the payload content is not seen here)
     * @throws IllegalArgumentException if {@code payloadLength} breaks the kind's rules
     * @throws BufferOverflowException if {@code dst} has less room than the header needs
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
     */
    public static void writeHeader(MediaHeader header, int payloadLength, ByteBuffer dst) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(dst, "dst");
        try {
            MediaRules.checkPayloadLength(header, payloadLength);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String peer = header.peer();
        int headerLength = FIXED_LENGTH + peer.length();
        if (dst.remaining() < headerLength) {
            throw new BufferOverflowException();
        }
        // a big-endian duplicate leaves the caller's byte order untouched
        ByteBuffer out = dst.duplicate().order(ByteOrder.BIG_ENDIAN);
        int base = out.position();
        out.put(base + VERSION, (byte) ProtocolVersion.CURRENT)
                .put(base + KIND, (byte) header.kind().code())
                .put(base + FLAGS, (byte) 0)
                .put(base + PEER_LENGTH, (byte) peer.length())
                .putLong(base + CALL_ID, header.callId())
                .putInt(base + SEQ, (int) header.seq())
                .putLong(base + CAPTURE_MICROS, header.captureMicros())
                .putLong(base + KIND_FIELDS, 0L);
        switch (header.kind()) {
            case VIDEO_JPEG -> out.putShort(base + VIDEO_WIDTH, (short) header.width())
                    .putShort(base + VIDEO_HEIGHT, (short) header.height());
            case AUDIO_PCM16LE -> out.putInt(base + AUDIO_SAMPLE_RATE, header.sampleRate())
                    .put(base + AUDIO_CHANNELS, (byte) header.channels());
        }
        for (int i = 0; i < peer.length(); i++) {
            out.put(base + PEER + i, (byte) peer.charAt(i));
        }
        dst.position(base + headerLength);
    }
}
