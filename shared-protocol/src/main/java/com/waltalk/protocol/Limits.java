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

    /**
     * Largest JSON control message a client may send (and the relay accepts), in UTF-8 bytes;
     * the default limit of {@code ControlCodec.decode(String)}.
     */
    public static final int MAX_CONTROL_BYTES = 16 * 1024;

    /**
     * Largest JSON control message the relay may send (history lists exceed
     * {@link #MAX_CONTROL_BYTES}), in UTF-8 bytes. Clients decode with this limit and
     * {@code ControlCodec.encode} refuses anything larger.
     */
    public static final int MAX_SERVER_CONTROL_BYTES = 1024 * 1024;

    /** Most elements of a list property of a control message ({@code users}, {@code calls}...). */
    public static final int MAX_LIST_ELEMENTS = 1000;

    /** Longest chat message body, in Unicode code points. */
    public static final int MAX_CHAT_CHARS = 4000;

    /** Longest password in {@code register} and {@code sign_in}, in Unicode code points. */
    public static final int MAX_PASSWORD_CHARS = 200;

    /** Shortest session token, in characters from {@code [A-Za-z0-9_-]}. */
    public static final int MIN_TOKEN_CHARS = 16;

    /** Longest session token, in characters from {@code [A-Za-z0-9_-]}. */
    public static final int MAX_TOKEN_CHARS = 200;

    /** Longest client-chosen chat message id ({@code clientMsgId}), in ASCII characters. */
    public static final int MAX_CLIENT_MSG_ID_CHARS = 64;

    /** Longest invite code in {@code register}. */
    public static final int MAX_INVITE_CHARS = 64;

    /**
     * Deepest nesting of JSON objects and arrays in a control message, counting the message
     * object itself as 1; applies inside ignored properties too.
     */
    public static final int MAX_CONTROL_NESTING_DEPTH = 16;

    /** Longest user name, in bytes (user names are ASCII, so also in characters). */
    public static final int MAX_USER_NAME_BYTES = 32;

    /**
     * Largest binary media message, in bytes: the 32-byte fixed header, the longest peer name and
     * the largest payload (video's).
     */
    public static final int MAX_MEDIA_MESSAGE_BYTES = 32 + MAX_USER_NAME_BYTES + MAX_VIDEO_PAYLOAD;

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
