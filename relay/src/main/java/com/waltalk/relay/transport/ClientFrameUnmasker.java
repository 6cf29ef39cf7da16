package com.waltalk.relay.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.java_websocket.exceptions.InvalidFrameException;

/**
 * Unmasks the frames of a client's WebSocket byte stream eight bytes at a time, before Java-WebSocket
 * parses them, and rejects unmasked client frames as RFC 6455 §5.1 requires.
 *
 * <p>Java-WebSocket 1.6.0 unmasks one byte per step through {@code ByteBuffer.get()}; the benchmark
 * (docs/BENCHMARKS.md) found that loop to be over half the relay's Java CPU samples at 40 calls. This
 * class rewrites the stream in place instead: each frame header loses its mask bit and its 4-byte
 * key, each payload is XORed with the key as 64-bit words. The result is the same stream an unmasked
 * sender would have produced, which the stock parser copies in bulk. The rewrite is a pure function of
 * the byte stream — however it is split into reads — because a header split across two reads is
 * carried over to the next one.
 *
 * <p>One instance per connection, used by that connection's reading thread only (not thread-safe).
 */
final class ClientFrameUnmasker {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int MAX_HEADER = 14;

    private final byte[] carried = new byte[MAX_HEADER];
    private int carriedLength;
    private long payloadLeft;
    private int key;
    private int phase;

    /**
     * Rewrites {@code in} (usually in place; into a new buffer when a header was carried over) and
     * returns the unmasked bytes between the returned buffer's position and limit. When a new buffer
     * is returned, {@code in} is left consumed.
     *
     * @throws InvalidFrameException for a frame without a mask or with an impossible 64-bit length
     */
    ByteBuffer unmask(ByteBuffer in) throws InvalidFrameException {
        ByteBuffer buf = in;
        if (carriedLength > 0 || !in.hasArray() || in.isReadOnly()) {
            buf = ByteBuffer.allocate(carriedLength + in.remaining());
            buf.put(carried, 0, carriedLength).put(in).flip();
            carriedLength = 0;
        }
        byte[] a = buf.array();
        int off = buf.arrayOffset();
        int start = off + buf.position();
        int end = off + buf.limit();
        int r = start;
        int w = start;
        while (r < end) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - r);
                xorCopy(a, r, w, n);
                r += n;
                w += n;
                payloadLeft -= n;
                phase = (phase + n) & 3;
                continue;
            }
            int avail = end - r;
            if (avail < 2) {
                carry(a, r, avail);
                break;
            }
            int b2 = a[r + 1] & 0xFF;
            if ((b2 & 0x80) == 0) {
                throw new InvalidFrameException("client frames must be masked (RFC 6455 section 5.1)");
            }
            int length7 = b2 & 0x7F;
            int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
            int headerLength = 2 + extended + 4;
            if (avail < headerLength) {
                carry(a, r, avail);
                break;
            }
            long length = switch (extended) {
                case 0 -> length7;
                case 2 -> ((a[r + 2] & 0xFF) << 8) | (a[r + 3] & 0xFF);
                default -> (long) LONGS.get(a, r + 2);
            };
            if (length < 0) {
                throw new InvalidFrameException("payload length over 2^63");
            }
            key = ((a[r + 2 + extended] & 0xFF) << 24) | ((a[r + 3 + extended] & 0xFF) << 16)
                    | ((a[r + 4 + extended] & 0xFF) << 8) | (a[r + 5 + extended] & 0xFF);
            a[w] = a[r];
            a[w + 1] = (byte) length7; // mask bit cleared
            System.arraycopy(a, r + 2, a, w + 2, extended);
            w += 2 + extended;
            r += headerLength;
            payloadLeft = length;
            phase = 0;
        }
        buf.position(start - off).limit(w - off);
        if (buf != in) {
            in.position(in.limit());
        }
        return buf;
    }

    private void carry(byte[] a, int from, int length) {
        System.arraycopy(a, from, carried, 0, length);
        carriedLength = length;
    }

    /** XORs {@code n} bytes from {@code r} with the key (at the current phase) into {@code w <= r}. */
    private void xorCopy(byte[] a, int r, int w, int n) {
        int rotated = Integer.rotateLeft(key, 8 * phase);
        long mask = ((rotated & 0xFFFF_FFFFL) << 32) | (rotated & 0xFFFF_FFFFL);
        int i = 0;
        // reading 8 bytes before writing 8 makes the overlap (w <= r) safe
        for (; i + 8 <= n; i += 8) {
            LONGS.set(a, w + i, (long) LONGS.get(a, r + i) ^ mask);
        }
        for (; i < n; i++) {
            a[w + i] = (byte) (a[r + i] ^ (rotated >>> (24 - 8 * (i & 3))));
        }
    }
}
