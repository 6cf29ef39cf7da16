package com.waltalk.protocol.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds media messages byte by byte, including invalid ones the real encoder refuses to write.
 * Starts as a valid video frame to "bob" with a 4-byte JPEG payload.
 */
final class RawFrame {

    int version = 1;
    int kind = 1;
    int flags = 0;
    Integer peerLengthOverride;
    long callId = 99;
    long seq = 1;
    long captureMicros = 1_000_000;
    byte[] kindFields = videoFields(640, 480);
    byte[] peer = "bob".getBytes(StandardCharsets.US_ASCII);
    byte[] payload = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

    static RawFrame video() {
        return new RawFrame();
    }

    static RawFrame audio(int sampleRate, int channels, int payloadBytes) {
        RawFrame f = new RawFrame();
        f.kind = 2;
        f.kindFields = audioFields(sampleRate, channels);
        f.payload = new byte[payloadBytes];
        return f;
    }

    static byte[] videoFields(int width, int height) {
        return ByteBuffer.allocate(8).putShort((short) width).putShort((short) height).array();
    }

    static byte[] audioFields(long sampleRate, int channels) {
        return ByteBuffer.allocate(8).putInt((int) sampleRate).put((byte) channels).array();
    }

    static byte[] jpeg(int length) {
        byte[] b = new byte[length];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        return b;
    }

    RawFrame peer(String name) {
        peer = name.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    RawFrame peerBytes(byte... bytes) {
        peer = bytes;
        return this;
    }

    RawFrame payload(byte[] bytes) {
        payload = bytes;
        return this;
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(32 + peer.length + payload.length);
        b.put((byte) version).put((byte) kind).put((byte) flags)
                .put((byte) (peerLengthOverride != null ? peerLengthOverride : peer.length))
                .putLong(callId).putInt((int) seq).putLong(captureMicros)
                .put(kindFields).put(peer).put(payload);
        return b.array();
    }

    ByteBuffer toBuffer() {
        return ByteBuffer.wrap(toBytes());
    }
}
