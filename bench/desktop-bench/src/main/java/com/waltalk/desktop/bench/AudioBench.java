package com.waltalk.desktop.bench;

import com.waltalk.desktop.audio.CaptureListener;
import com.waltalk.desktop.audio.CapturePacketizer;
import com.waltalk.desktop.audio.PolyphaseResampler;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.playback.JitterScheduler;
import java.util.Arrays;
import java.util.Random;
import javax.sound.sampled.AudioFormat;

/**
 * Prints what the audio pipeline costs per 20 ms packet on this machine: the resampler alone and the
 * whole capture path (fold, resample, level, encode) at 48 and 44.1 kHz, and the jitter scheduler
 * (offer + render of one packet). Run: {@code java -cp app-desktop/target/classes:... AudioBench}
 * or {@code ./mvnw -q -pl app-desktop exec:java -Dexec.mainClass=com.waltalk.desktop.bench.AudioBench}.
 *
 * <p>A command-line tool; not for use from other code.
 */
public final class AudioBench {

    private static final int WARMUP = 20_000;
    private static final int MEASURED = 50_000;

    private AudioBench() {
    }

    public static void main(String[] args) {
        System.out.printf("WalTalk audio bench: %s %s, %d cores, %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"));
        System.out.printf("%-44s %9s %9s %9s%n", "per 20 ms packet", "p50 µs", "p99 µs", "max µs");
        for (int rate : new int[] {48_000, 44_100}) {
            resampler(rate);
        }
        for (int rate : new int[] {48_000, 44_100}) {
            capturePath(rate);
        }
        scheduler();
    }

    private static void resampler(int rate) {
        PolyphaseResampler r = new PolyphaseResampler(rate);
        int frames = rate / 50;
        float[] in = noise(frames, rate);
        float[] out = new float[r.maxOutputFor(frames)];
        long[] ns = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long t = System.nanoTime();
            r.process(in, 0, frames, out, 0);
            if (i >= WARMUP) {
                ns[i - WARMUP] = System.nanoTime() - t;
            }
        }
        print(String.format("resampler %d Hz → 16 kHz (%d taps/sample)", rate, r.tapsPerOutputSample()), ns);
    }

    private static void capturePath(int rate) {
        AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
        long[] sink = new long[1];
        CapturePacketizer p = new CapturePacketizer(format, 0, new CaptureListener() {
            @Override
            public void onPacket(AudioPacket packet) {
                sink[0] += packet.pcm()[7];
            }
        });
        int frames = rate / 50;
        byte[] bytes = new byte[frames * 4];
        new Random(1).nextBytes(bytes);
        long[] ns = new long[MEASURED];
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long t = System.nanoTime();
            p.accept(bytes, 0, bytes.length);
            if (i >= WARMUP) {
                ns[i - WARMUP] = System.nanoTime() - t;
            }
        }
        print(String.format("capture path %d Hz stereo → packet", rate), ns);
    }

    private static void scheduler() {
        JitterScheduler s = new JitterScheduler();
        short[] out = new short[320];
        byte[] pcm = new byte[AudioPacket.BYTES_PER_PACKET];
        new Random(2).nextBytes(pcm);
        long[] ns = new long[MEASURED];
        Random jitter = new Random(3);
        for (int i = 0; i < WARMUP + MEASURED; i++) {
            long play = i * 320L;
            // Steady stream with a little reordering: every 10th pair arrives swapped.
            long k = (i % 10 == 5) ? i + 1 : (i % 10 == 6 ? i - 1 : i);
            AudioPacket packet = new AudioPacket(k, k * 20_000L + jitter.nextInt(3), pcm);
            long t = System.nanoTime();
            s.offer(packet, play);
            s.render(out, 0, 320);
            if (i >= WARMUP) {
                ns[i - WARMUP] = System.nanoTime() - t;
            }
        }
        print("jitter scheduler offer + render", ns);
    }

    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() - 0.5);
        }
        return x;
    }

    private static void print(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%-44s %9.1f %9.1f %9.1f%n", what, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }
}
