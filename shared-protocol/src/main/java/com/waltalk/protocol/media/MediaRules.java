package com.waltalk.protocol.media;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.nio.ByteBuffer;

/**
 * The validity rules for media header fields and payloads, shared by the decoder (which reports
 * a {@link ProtocolException}) and the constructors and encoder (which turn it into an
 * {@link IllegalArgumentException}), so both sides agree on what is valid.
 */
final class MediaRules {

    static final long MAX_SEQ = 0xFFFF_FFFFL;

    private static final byte JPEG_SOI_0 = (byte) 0xFF;
    private static final byte JPEG_SOI_1 = (byte) 0xD8;

    private MediaRules() {
    }

    /**
     * Checks the numeric header fields; {@code sampleRate} is a {@code long} so the decoder can
     * pass an unsigned 32-bit wire value unchanged.
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_FIELD}
     */
    static void checkFields(MediaKind kind, long seq, int width, int height, long sampleRate,
            int channels) throws ProtocolException {
        if (seq < 0 || seq > MAX_SEQ) {
            throw badField("seq " + seq + " is not an unsigned 32-bit value");
        }
        switch (kind) {
            case VIDEO_JPEG -> {
                checkRange("width", width, 1, Limits.MAX_VIDEO_DIMENSION);
                checkRange("height", height, 1, Limits.MAX_VIDEO_DIMENSION);
                checkRange("sampleRate", sampleRate, 0, 0);
                checkRange("channels", channels, 0, 0);
            }
            case AUDIO_PCM16LE -> {
                checkRange("sampleRate", sampleRate, Limits.MIN_SAMPLE_RATE,
                        Limits.MAX_SAMPLE_RATE);
                checkRange("channels", channels, 1, Limits.MAX_CHANNELS);
                checkRange("width", width, 0, 0);
                checkRange("height", height, 0, 0);
            }
        }
    }

    /**
     * Checks a payload length against the kind's limits and, for audio, its sample framing.
     *
     * @throws ProtocolException with {@link ErrorCode#TRUNCATED} if empty,
     *     {@link ErrorCode#TOO_LARGE} if over the limit, else {@link ErrorCode#BAD_FIELD}
     */
    static void checkPayloadLength(MediaHeader header, int length) throws ProtocolException {
        MediaKind kind = header.kind();
        if (length <= 0) {
            throw new ProtocolException(ErrorCode.TRUNCATED, "empty " + kind + " payload");
        }
        if (length > kind.maxPayload()) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, kind + " payload of " + length
                    + " bytes exceeds " + kind.maxPayload());
        }
        if (kind == MediaKind.AUDIO_PCM16LE) {
            int sampleFrame = 2 * header.channels();
            if (length % sampleFrame != 0) {
                throw badField("audio payload of " + length + " bytes is not a whole number of "
                        + sampleFrame + "-byte sample frames");
            }
        }
    }

    /**
     * Checks a payload's remaining bytes: its length, then its content (a JPEG must begin with
     * the start-of-image marker FF D8). Does not move the payload's position.
     *
     * @throws ProtocolException as {@link #checkPayloadLength}, or {@link ErrorCode#BAD_FIELD}
     */
    static void checkPayload(MediaHeader header, ByteBuffer payload) throws ProtocolException {
        int length = payload.remaining();
        checkPayloadLength(header, length);
        if (header.kind() == MediaKind.VIDEO_JPEG) {
            int start = payload.position();
            if (length < 2 || payload.get(start) != JPEG_SOI_0
                    || payload.get(start + 1) != JPEG_SOI_1) {
                throw badField("video payload does not start with the JPEG marker FF D8");
            }
        }
    }

    private static void checkRange(String field, long value, long min, long max)
            throws ProtocolException {
        if (value < min || value > max) {
            throw badField(field + " " + value + " is outside " + min + ".." + max);
        }
    }

    private static ProtocolException badField(String message) {
        return new ProtocolException(ErrorCode.BAD_FIELD, message);
    }
}
