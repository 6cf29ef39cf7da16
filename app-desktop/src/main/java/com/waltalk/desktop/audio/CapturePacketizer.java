package com.waltalk.desktop.audio;

import com.waltalk.desktop.media.AudioPacket;
import javax.sound.sampled.AudioFormat;

/**
 * The device-independent half of the microphone: raw line bytes in, 20 ms packets of 16 kHz mono
 * PCM16LE out (fold to mono, anti-aliased resampling, cut into 320-sample packets, level, mute).
 *
 * <p>Timestamps come from the count of input frames, never from when the bytes happened to be read:
 * packet k (counting muted ones) starts at {@code frame0Micros + k × 20 000 µs −}
 * {@link PolyphaseResampler#GROUP_DELAY_MICROS}, where {@code frame0Micros} is the wall-clock time of
 * input frame 0. Sequence numbers count sent packets only, so a gap in sequence numbers always means
 * loss, and a jump in timestamps without one means the sender was muted.
 *
 * <p>{@link #accept} is for one thread (the capture thread); {@link #setMuted}, {@link #isMuted} and
 * the counters may be used from any thread.
 */
public final class CapturePacketizer {

    private static final int SAMPLES = AudioPacket.SAMPLES_PER_PACKET;
    private static final long PACKET_MICROS = 1_000_000L * SAMPLES / AudioPacket.SAMPLE_RATE;

    private final PcmDecoder decoder;
    private final PolyphaseResampler resampler;
    private final CaptureListener listener;
    private final long frame0Micros;

    private float[] mono = new float[0];
    private float[] resampled = new float[0];
    private final float[] packet = new float[SAMPLES];
    private int packetFill;
    private final byte[] partialFrame;
    private int partialFill;

    private long packetsCut;
    private volatile long packetsSent;
    private volatile long packetsMuted;
    private volatile boolean muted;
    private volatile AudioLevel lastLevel = AudioLevel.SILENCE;

    /**
     * @param format       the line's format (signed 16-bit PCM, any rate ≥ 16 kHz, any channels)
     * @param frame0Micros wall-clock time of the first frame that will be passed to {@link #accept}, epoch µs
     */
    public CapturePacketizer(AudioFormat format, long frame0Micros, CaptureListener listener) {
        this.decoder = PcmDecoder.forFormat(format);
        this.resampler = new PolyphaseResampler(Math.round(format.getSampleRate()));
        this.listener = listener;
        this.frame0Micros = frame0Micros;
        this.partialFrame = new byte[decoder.frameBytes()];
    }

    /** Feeds bytes read from the line (need not be whole frames). */
    public void accept(byte[] bytes, int offset, int length) {
        int frameBytes = decoder.frameBytes();
        if (partialFill > 0) {
            int take = Math.min(length, frameBytes - partialFill);
            System.arraycopy(bytes, offset, partialFrame, partialFill, take);
            partialFill += take;
            offset += take;
            length -= take;
            if (partialFill < frameBytes) {
                return;
            }
            processFrames(partialFrame, 0, 1);
            partialFill = 0;
        }
        int frames = length / frameBytes;
        processFrames(bytes, offset, frames);
        int rest = length - frames * frameBytes;
        System.arraycopy(bytes, offset + frames * frameBytes, partialFrame, 0, rest);
        partialFill = rest;
    }

    private void processFrames(byte[] bytes, int offset, int frames) {
        if (frames == 0) {
            return;
        }
        if (mono.length < frames) {
            mono = new float[frames];
            resampled = new float[resampler.maxOutputFor(frames)];
        }
        decoder.decode(bytes, offset, frames, mono);
        int produced = resampler.process(mono, 0, frames, resampled, 0);
        int i = 0;
        while (i < produced) {
            int take = Math.min(produced - i, SAMPLES - packetFill);
            System.arraycopy(resampled, i, packet, packetFill, take);
            packetFill += take;
            i += take;
            if (packetFill == SAMPLES) {
                emit();
                packetFill = 0;
            }
        }
    }

    private void emit() {
        long captureMicros = frame0Micros + packetsCut * PACKET_MICROS - PolyphaseResampler.GROUP_DELAY_MICROS;
        packetsCut++;
        AudioLevel level = AudioLevel.of(packet, 0, SAMPLES);
        lastLevel = level;
        listener.onLevel(level);
        if (muted) {
            packetsMuted++;
            return;
        }
        byte[] pcm = new byte[AudioPacket.BYTES_PER_PACKET];
        PcmDecoder.encodeLittleEndian(packet, 0, SAMPLES, pcm, 0);
        long seq = packetsSent;
        packetsSent = seq + 1;
        listener.onPacket(new AudioPacket(seq, captureMicros, pcm));
    }

    /** While muted nothing is sent; levels are still measured. */
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    public boolean isMuted() {
        return muted;
    }

    /** Wall-clock time of input frame 0, epoch µs. */
    public long frame0Micros() {
        return frame0Micros;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsMuted() {
        return packetsMuted;
    }

    public AudioLevel lastLevel() {
        return lastLevel;
    }
}
