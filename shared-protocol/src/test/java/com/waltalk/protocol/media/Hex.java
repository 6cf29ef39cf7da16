package com.waltalk.protocol.media;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex helpers for pinning wire bytes in tests; spaces in input are ignored. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String of(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
