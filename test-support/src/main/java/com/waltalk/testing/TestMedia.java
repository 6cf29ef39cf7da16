package com.waltalk.testing;

import com.waltalk.protocol.media.MediaHeader;
import java.nio.ByteBuffer;
import java.util.Random;

/** Test payloads: incompressible, recognisable, valid for the protocol. */
public final class TestMedia {

    private TestMedia() {
    }

    /** A fake JPEG (SOI marker + random bytes) of {@code size} bytes, seeded for reproducibility. */
    public static byte[] jpeg(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        return b;
    }

    /** {@code samples} PCM16LE mono samples of random noise. */
    public static byte[] pcm(int samples, long seed) {
        byte[] b = new byte[samples * 2];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static MediaHeader video(long callId, long seq, String to) {
        return MediaHeader.video(callId, seq, System.currentTimeMillis() * 1000, 640, 360, to);
    }

    public static MediaHeader audio(long callId, long seq, String to) {
        return MediaHeader.audio(callId, seq, System.currentTimeMillis() * 1000, 16_000, 1, to);
    }

    public static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
