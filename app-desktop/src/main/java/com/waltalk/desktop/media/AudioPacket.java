package com.waltalk.desktop.media;

import java.util.Objects;

/**
 * One packet of 16 kHz mono PCM16LE audio, normally 20 ms (320 samples, 640 bytes).
 *
 * <p>Immutable by convention: producers hand over the array and never touch it again.
 *
 * @param seq           per-stream sequence number (wraps as an unsigned 32-bit value on the wire)
 * @param captureMicros capture time of the first sample, microseconds since the epoch on the sender's
 *                      wall clock
 * @param pcm           little-endian signed 16-bit samples
 */
public record AudioPacket(long seq, long captureMicros, byte[] pcm) {
    public static final int SAMPLE_RATE = 16_000;
    public static final int SAMPLES_PER_PACKET = 320;
    public static final int BYTES_PER_PACKET = SAMPLES_PER_PACKET * 2;

    public AudioPacket {
        Objects.requireNonNull(pcm, "pcm");
        if ((pcm.length & 1) != 0) {
            throw new IllegalArgumentException("PCM16 needs an even byte count, got " + pcm.length);
        }
    }
}
