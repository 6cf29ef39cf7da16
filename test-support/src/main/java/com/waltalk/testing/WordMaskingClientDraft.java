package com.waltalk.testing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;

/**
 * The client side of RFC 6455 with frames masked eight bytes at a time.
 *
 * <p>Java-WebSocket masks one byte per step, which made the simulated clients of {@code relay bench}
 * burn CPU that the relay and PostgreSQL needed on the same machine. Output is byte-for-byte what the
 * stock draft would send with the same key. One instance per connection (not thread-safe, as Java-WebSocket
 * calls it under the connection's send lock).
 */
final class WordMaskingClientDraft extends Draft_6455 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private final SecureRandom random = new SecureRandom();

    @Override
    public ByteBuffer createBinaryFrame(Framedata frame) {
        if (getRole() != Role.CLIENT) {
            return super.createBinaryFrame(frame);
        }
        getExtension().encodeFrame(frame);
        ByteBuffer payload = frame.getPayloadData();
        int n = payload.remaining();
        int lengthBytes = n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8;
        byte[] out = new byte[2 + lengthBytes + 4 + n];
        int first = (frame.isFin() ? 0x80 : 0) | opcode(frame);
        if (frame.isRSV1()) {
            first |= 0x40;
        }
        if (frame.isRSV2()) {
            first |= 0x20;
        }
        if (frame.isRSV3()) {
            first |= 0x10;
        }
        out[0] = (byte) first;
        int p = 2;
        if (lengthBytes == 0) {
            out[1] = (byte) (0x80 | n);
        } else if (lengthBytes == 2) {
            out[1] = (byte) (0x80 | 126);
            out[p++] = (byte) (n >>> 8);
            out[p++] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | 127);
            for (int s = 56; s >= 0; s -= 8) {
                out[p++] = (byte) ((long) n >>> s);
            }
        }
        int key = random.nextInt();
        out[p++] = (byte) (key >>> 24);
        out[p++] = (byte) (key >>> 16);
        out[p++] = (byte) (key >>> 8);
        out[p++] = (byte) key;
        payload.get(payload.position(), out, p, n);
        long mask = ((key & 0xFFFF_FFFFL) << 32) | (key & 0xFFFF_FFFFL);
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(out, p + i, (long) LONGS.get(out, p + i) ^ mask);
        }
        for (; i < n; i++) {
            out[p + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
        return ByteBuffer.wrap(out);
    }

    private static int opcode(Framedata frame) {
        return switch (frame.getOpcode()) {
            case CONTINUOUS -> 0;
            case TEXT -> 1;
            case BINARY -> 2;
            case CLOSING -> 8;
            case PING -> 9;
            case PONG -> 10;
        };
    }

    @Override
    public Draft copyInstance() {
        return new WordMaskingClientDraft();
    }
}
