package com.waltalk.desktop.audio;

import javax.sound.sampled.AudioFormat;

/**
 * Turns interleaved signed 16-bit PCM bytes (either byte order, any number of channels) into mono
 * samples in full scale ±1.0; channels are averaged ("folded"), so a stereo microphone that hears a
 * sound on one side only still comes through at half amplitude.
 *
 * <p>Immutable and thread-safe.
 */
public final class PcmDecoder {

    private final int channels;
    private final boolean bigEndian;

    public PcmDecoder(int channels, boolean bigEndian) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, got " + channels);
        }
        this.channels = channels;
        this.bigEndian = bigEndian;
    }

    /** For a signed 16-bit PCM format. */
    public static PcmDecoder forFormat(AudioFormat format) {
        if (format.getSampleSizeInBits() != 16
                || !AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding())) {
            throw new IllegalArgumentException("need signed 16-bit PCM, got " + format);
        }
        return new PcmDecoder(format.getChannels(), format.isBigEndian());
    }

    public int frameBytes() {
        return 2 * channels;
    }

    /**
     * Decodes {@code frames} frames from {@code in} at {@code offset} into {@code out[0..frames)}.
     */
    public void decode(byte[] in, int offset, int frames, float[] out) {
        int p = offset;
        float scale = 1f / (32768f * channels);
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int lo = bigEndian ? in[p + 1] & 0xff : in[p] & 0xff;
                int hi = bigEndian ? in[p] : in[p + 1];
                sum += (hi << 8) | lo;
                p += 2;
            }
            out[f] = sum * scale;
        }
    }

    /** Writes full-scale samples as PCM16LE, rounding and clipping. */
    public static void encodeLittleEndian(float[] in, int offset, int count, byte[] out, int outOffset) {
        int p = outOffset;
        for (int i = offset; i < offset + count; i++) {
            int s = (int) Math.round(in[i] * 32768.0);
            s = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
            out[p++] = (byte) s;
            out[p++] = (byte) (s >> 8);
        }
    }
}
