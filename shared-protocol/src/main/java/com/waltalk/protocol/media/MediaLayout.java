package com.waltalk.protocol.media;

/** Byte offsets of the version 1 media header; all integers are big-endian. */
final class MediaLayout {

    static final int VERSION = 0;
    static final int KIND = 1;
    static final int FLAGS = 2;
    static final int PEER_LENGTH = 3;
    static final int CALL_ID = 4;
    static final int SEQ = 12;
    static final int CAPTURE_MICROS = 16;
    /** Start of the 8 kind-specific bytes. */
    static final int KIND_FIELDS = 24;
    static final int PEER = 32;

    /** Length of the fixed part, before the peer name. */
    static final int FIXED_LENGTH = PEER;
    /** The shortest prefix that tells version, kind, flags and peer length. */
    static final int PREAMBLE_LENGTH = 4;

    // video: u16 width, u16 height, 4 reserved bytes
    static final int VIDEO_WIDTH = KIND_FIELDS;
    static final int VIDEO_HEIGHT = KIND_FIELDS + 2;
    static final int VIDEO_RESERVED = KIND_FIELDS + 4;
    static final int VIDEO_RESERVED_LENGTH = 4;

    // audio: u32 sample rate, u8 channels, 3 reserved bytes
    static final int AUDIO_SAMPLE_RATE = KIND_FIELDS;
    static final int AUDIO_CHANNELS = KIND_FIELDS + 4;
    static final int AUDIO_RESERVED = KIND_FIELDS + 5;
    static final int AUDIO_RESERVED_LENGTH = 3;

    private MediaLayout() {
    }
}
