package com.waltalk.protocol.media;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;

/**
 * What a media frame carries, identified on the wire by a one-byte {@linkplain #code() code}.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum MediaKind {
    /** One complete baseline JPEG image. */
    VIDEO_JPEG(1, Limits.MAX_VIDEO_PAYLOAD),
    /** Interleaved signed 16-bit little-endian PCM samples. */
    AUDIO_PCM16LE(2, Limits.MAX_AUDIO_PAYLOAD);

    private static final MediaKind[] ALL = values();

    private final int code;
    private final int maxPayload;

    MediaKind(int code, int maxPayload) {
        this.code = code;
        this.maxPayload = maxPayload;
    }

    /** The wire code of this kind (the {@code kind} byte of the media header). */
    public int code() {
        return code;
    }

    /** The largest payload of this kind, in bytes. */
    public int maxPayload() {
        return maxPayload;
    }

    /**
     * Looks up a kind by its wire code.
     *
     * @throws ProtocolException with {@link ErrorCode#UNKNOWN_KIND} if no kind has that code
     */
    public static MediaKind fromCode(int code) throws ProtocolException {
        for (MediaKind kind : ALL) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new ProtocolException(ErrorCode.UNKNOWN_KIND, "unknown media kind " + code);
    }
}
