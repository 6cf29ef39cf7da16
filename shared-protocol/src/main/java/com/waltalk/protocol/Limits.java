package com.waltalk.protocol;

/**
 * Size and range limits of protocol version {@value ProtocolVersion#CURRENT}.
 *
 * <p>Both sides enforce them: the encoders refuse to produce a message outside them and the
 * decoders reject one with a {@link ProtocolException}.
 *
 * <p>Thread-safety: constants only; safe to use from any thread.
 */
public final class Limits {

    /** Largest JPEG payload of one video frame, in bytes. */
    public static final int MAX_VIDEO_PAYLOAD = 256 * 1024;

    /** Largest PCM payload of one audio frame, in bytes. */
    public static final int MAX_AUDIO_PAYLOAD = 16 * 1024;

    /** Largest JSON control message, in UTF-8 bytes. */
    public static final int MAX_CONTROL_BYTES = 16 * 1024;

    /**
     * Deepest nesting of JSON objects and arrays in a control message, counting the message
     * object itself as 1; applies inside ignored properties too.
     */
    public static final int MAX_CONTROL_NESTING_DEPTH = 16;

    /** Longest user name, in bytes (user names are ASCII, so also in characters). */
    public static final int MAX_USER_NAME_BYTES = 32;

    /** Largest video width or height, in pixels. */
    public static final int MAX_VIDEO_DIMENSION = 4096;

    /** Lowest audio sample rate, in Hz. */
    public static final int MIN_SAMPLE_RATE = 8000;

    /** Highest audio sample rate, in Hz. */
    public static final int MAX_SAMPLE_RATE = 48000;

    /** Most audio channels in one frame. */
    public static final int MAX_CHANNELS = 2;

    private Limits() {
    }
}
