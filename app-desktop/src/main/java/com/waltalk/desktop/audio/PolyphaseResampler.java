package com.waltalk.desktop.audio;

/**
 * Streaming rational-ratio resampler from any input rate of at least 16 kHz to 16 kHz, with a
 * Kaiser-windowed-sinc anti-aliasing filter evaluated in polyphase form (only the taps that meet a
 * non-zero upsampled input are computed).
 *
 * <p>Filter (see docs/DECISIONS.md, "Microphone resampler"): passband to 7 kHz, stopband from 8 kHz,
 * cutoff 7.5 kHz, Kaiser window with β = {@value #KAISER_BETA} (≈ 80 dB design attenuation), and a
 * length chosen so that the linear-phase delay is exactly {@value #GROUP_DELAY_MICROS} µs =
 * {@value #GROUP_DELAY_OUTPUT_SAMPLES} output samples at every input rate (48 kHz: 241 taps;
 * 44.1 kHz: 35,281 taps at the 7.056 MHz upsampled rate, 221 per output sample). Before the first
 * input sample the signal is taken to be silence.
 *
 * <p>The number of output samples depends only on the total number of input samples, and each
 * output sample is computed by the same arithmetic however the input was split into blocks, so
 * block-by-block output equals one-shot output exactly.
 *
 * <p>Not thread-safe: one capture thread owns an instance.
 */
public final class PolyphaseResampler {

    /** Output sample rate. */
    public static final int OUTPUT_RATE = 16_000;
    /** Delay of the filter (linear phase, identical at every input rate). */
    public static final int GROUP_DELAY_MICROS = 2_500;
    /** {@link #GROUP_DELAY_MICROS} in output samples. */
    public static final int GROUP_DELAY_OUTPUT_SAMPLES = GROUP_DELAY_MICROS * OUTPUT_RATE / 1_000_000;
    /** Edge of the band that must stay flat. */
    public static final double PASSBAND_EDGE_HZ = 7_000;
    /** Where the stopband starts (the output Nyquist frequency). */
    public static final double STOPBAND_EDGE_HZ = 8_000;
    static final double CUTOFF_HZ = (PASSBAND_EDGE_HZ + STOPBAND_EDGE_HZ) / 2;
    static final double KAISER_BETA = 7.857; // 0.1102 * (80 dB - 8.7)

    private final int inputRate;
    private final int up;
    private final int down;
    private final int tapsPerPhase;
    /** phases[p][k] = h[p + k * up]: the taps that meet input sample i - k for phase p. */
    private final float[][] phases;

    /** Input history; history[0..filled) are samples inputBase, inputBase + 1, ... */
    private float[] history;
    private int filled;
    /** Absolute index of the input sample at history[0]; negative indices are the zero prefix. */
    private long inputBase;
    /** For the next output sample: newest input index it needs, and the phase. */
    private long nextInputIndex;
    private int nextPhase;

    /**
     * @param inputRate the microphone's rate in Hz, at least {@value #OUTPUT_RATE}
     * @throws IllegalArgumentException for rates below 16 kHz or above 384 kHz
     */
    public PolyphaseResampler(int inputRate) {
        if (inputRate < OUTPUT_RATE || inputRate > 384_000) {
            throw new IllegalArgumentException(
                    "input rate must be 16000..384000 Hz to resample to 16 kHz, got " + inputRate);
        }
        this.inputRate = inputRate;
        int g = gcd(inputRate, OUTPUT_RATE);
        this.up = OUTPUT_RATE / g;
        this.down = inputRate / g;
        // Delay of a symmetric filter of length n is (n - 1) / 2 samples at the upsampled rate.
        long upsampledRate = (long) inputRate * up;
        int delayUpsampled = Math.toIntExact(upsampledRate * GROUP_DELAY_MICROS / 1_000_000);
        int length = 2 * delayUpsampled + 1;
        this.tapsPerPhase = (length + up - 1) / up;
        double[] h = design(length, CUTOFF_HZ / upsampledRate, up);
        this.phases = new float[up][tapsPerPhase];
        for (int p = 0; p < up; p++) {
            for (int k = 0; k < tapsPerPhase; k++) {
                int n = p + k * up;
                phases[p][k] = n < length ? (float) h[n] : 0f;
            }
        }
        this.history = new float[tapsPerPhase + 4096];
        reset();
    }

    /** Forgets all input, as if newly constructed. */
    public void reset() {
        // Keep tapsPerPhase - 1 zeros of history before sample 0.
        java.util.Arrays.fill(history, 0f);
        filled = tapsPerPhase - 1;
        inputBase = -(tapsPerPhase - 1);
        nextInputIndex = 0;
        nextPhase = 0;
    }

    public int inputRate() {
        return inputRate;
    }

    /** Number of filter taps evaluated per output sample. */
    public int tapsPerOutputSample() {
        return tapsPerPhase;
    }

    /** Upper bound on the output samples produced for {@code inputSamples} more input samples. */
    public int maxOutputFor(int inputSamples) {
        return (int) ((long) inputSamples * up / down) + 2;
    }

    /**
     * Feeds {@code count} mono samples (full scale ±1.0) and writes the output samples that are now
     * complete to {@code out} from {@code outOffset}.
     *
     * @return the number of output samples written; {@code out} must have room for
     *         {@link #maxOutputFor(int) maxOutputFor(count)}
     */
    public int process(float[] in, int offset, int count, float[] out, int outOffset) {
        append(in, offset, count);
        long newestInput = inputBase + filled - 1;
        int produced = 0;
        while (nextInputIndex <= newestInput) {
            float[] taps = phases[nextPhase];
            int newest = (int) (nextInputIndex - inputBase);
            double acc = 0;
            for (int k = 0; k < taps.length; k++) {
                acc += taps[k] * history[newest - k];
            }
            out[outOffset + produced++] = (float) acc;
            nextPhase += down;
            nextInputIndex += nextPhase / up;
            nextPhase %= up;
        }
        discardUnneeded();
        return produced;
    }

    private void append(float[] in, int offset, int count) {
        if (filled + count > history.length) {
            int keep = filled;
            float[] bigger = history.length >= keep + count ? history : new float[keep + count + 4096];
            System.arraycopy(history, 0, bigger, 0, keep);
            history = bigger;
        }
        System.arraycopy(in, offset, history, filled, count);
        filled += count;
    }

    /** Drops input that no future output sample reaches. */
    private void discardUnneeded() {
        long oldestNeeded = nextInputIndex - (tapsPerPhase - 1);
        int drop = (int) Math.max(0, Math.min(filled, oldestNeeded - inputBase));
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, filled - drop);
            filled -= drop;
            inputBase += drop;
        }
    }

    /** Kaiser-windowed sinc low-pass, normalised cutoff {@code fc} (cycles/sample), DC gain {@code gain}. */
    static double[] design(int length, double fc, double gain) {
        double[] h = new double[length];
        double centre = (length - 1) / 2.0;
        double i0Beta = besselI0(KAISER_BETA);
        double sum = 0;
        for (int n = 0; n < length; n++) {
            double x = n - centre;
            double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
            double r = x / centre;
            double w = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[n] = sinc * w;
            sum += h[n];
        }
        for (int n = 0; n < length; n++) {
            h[n] *= gain / sum;
        }
        return h;
    }

    /** Zeroth-order modified Bessel function of the first kind (power series). */
    static double besselI0(double x) {
        double term = 1;
        double sum = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
