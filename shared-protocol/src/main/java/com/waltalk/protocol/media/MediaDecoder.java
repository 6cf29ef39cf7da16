package com.waltalk.protocol.media;

import static com.waltalk.protocol.media.MediaLayout.*;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.UserNames;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Parses and validates a binary media message. Reads only through absolute indexes of a
 * duplicate, so the caller's buffer is never moved, and checks every length before reading so
 * that no buffer exception can escape.
 */
final class MediaDecoder {

    private MediaDecoder() {
    }

    static MediaFrame decode(ByteBuffer message) throws ProtocolException {
        ByteBuffer in = message.duplicate().order(ByteOrder.BIG_ENDIAN);
        int base = in.position();
        int length = in.remaining();

        if (length < PREAMBLE_LENGTH) {
            throw truncated("message of " + length + " bytes is shorter than the header");
        }
        int version = Byte.toUnsignedInt(in.get(base + VERSION));
        if (version != ProtocolVersion.CURRENT) {
            throw new ProtocolException(ErrorCode.BAD_VERSION,
                    "unsupported media version " + version);
        }
        MediaKind kind = MediaKind.fromCode(Byte.toUnsignedInt(in.get(base + KIND)));
        int flags = Byte.toUnsignedInt(in.get(base + FLAGS));
        if (flags != 0) {
            throw badField("flags must be 0, got " + flags);
        }
        int peerLength = Byte.toUnsignedInt(in.get(base + PEER_LENGTH));
        if (peerLength < 1 || peerLength > Limits.MAX_USER_NAME_BYTES) {
            throw new ProtocolException(ErrorCode.BAD_USER_NAME, "peer length must be 1.."
                    + Limits.MAX_USER_NAME_BYTES + ", got " + peerLength);
        }
        int headerLength = FIXED_LENGTH + peerLength;
        if (length < headerLength) {
            throw truncated("message of " + length + " bytes is shorter than its "
                    + headerLength + "-byte header");
        }

        long callId = in.getLong(base + CALL_ID);
        long seq = Integer.toUnsignedLong(in.getInt(base + SEQ));
        long captureMicros = in.getLong(base + CAPTURE_MICROS);
        int width = 0;
        int height = 0;
        long sampleRate = 0;
        int channels = 0;
        switch (kind) {
            case VIDEO_JPEG -> {
                width = Short.toUnsignedInt(in.getShort(base + VIDEO_WIDTH));
                height = Short.toUnsignedInt(in.getShort(base + VIDEO_HEIGHT));
                checkReserved(in, base + VIDEO_RESERVED, VIDEO_RESERVED_LENGTH);
            }
            case AUDIO_PCM16LE -> {
                sampleRate = Integer.toUnsignedLong(in.getInt(base + AUDIO_SAMPLE_RATE));
                channels = Byte.toUnsignedInt(in.get(base + AUDIO_CHANNELS));
                checkReserved(in, base + AUDIO_RESERVED, AUDIO_RESERVED_LENGTH);
            }
        }
        MediaRules.checkFields(kind, seq, width, height, sampleRate, channels);
        String peer = readPeer(in, base + PEER, peerLength);

        // checkFields bounded sampleRate to 8000..48000 (or 0), so the narrowing is exact
        MediaHeader header = new MediaHeader(kind, callId, seq, captureMicros, width, height,
                (int) sampleRate, channels, peer);
        ByteBuffer payload = in.position(base + headerLength).slice();
        MediaRules.checkPayload(header, payload);
        return new MediaFrame(header, payload);
    }

    private static void checkReserved(ByteBuffer in, int offset, int count)
            throws ProtocolException {
        for (int i = 0; i < count; i++) {
            if (in.get(offset + i) != 0) {
                throw badField("reserved header bytes must be 0");
            }
        }
    }

    /**
     * ISO-8859-1 maps each byte to one char, so any byte outside the ASCII name alphabet, and
     * with it any UTF-8 sequence, valid or not, becomes a char that the name check rejects.
     */
    private static String readPeer(ByteBuffer in, int offset, int length)
            throws ProtocolException {
        byte[] bytes = new byte[length];
        in.get(offset, bytes);
        return UserNames.validate(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static ProtocolException truncated(String message) {
        return new ProtocolException(ErrorCode.TRUNCATED, message);
    }

    private static ProtocolException badField(String message) {
        return new ProtocolException(ErrorCode.BAD_FIELD, message);
    }
}
