package com.waltalk.desktop.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Measures the anti-aliasing resampler: passband flatness, alias rejection, delay, streaming. */
class PolyphaseResamplerTest {

    private static final double AMPLITUDE = 0.5;
    private static final double SECONDS = 0.4;

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void passbandIsFlatWithinHalfADecibelUpTo7kHz(int inputRate) {
        for (double f = 50; f <= 7_000; f += f < 7_000 - 250 ? 250 : 7_000 - f) {
            float[] out = resample(tone(inputRate, f), inputRate);
            double gainDb = 20 * Math.log10(fit(out, f, 0)[0] / AMPLITUDE);
            assertThat(gainDb).as("gain at %.0f Hz from %d Hz", f, inputRate).isBetween(-0.5, 0.5);
            if (f == 7_000) {
                break;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void tonesAbove8kHzAreAttenuatedByAtLeast60dB(int inputRate) {
        double worst = -1000;
        for (double f = 8_000; f < inputRate / 2.0 - 50; f += 250) {
            float[] out = resample(tone(inputRate, f), inputRate);
            double rms = rms(out, steadyStart(), out.length - steadyStart());
            double attenuationDb = 20 * Math.log10(rms / (AMPLITUDE / Math.sqrt(2)));
            worst = Math.max(worst, attenuationDb);
            assertThat(attenuationDb).as("alias level of a %.0f Hz tone from %d Hz", f, inputRate)
                    .isLessThanOrEqualTo(-60);
        }
        System.out.printf("%d Hz: worst alias at or above 8 kHz: %.1f dB%n", inputRate, worst);
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100, 32_000, 96_000, 16_000})
    void groupDelayIsTheDocumentedConstantAtEveryFrequency(int inputRate) {
        for (double f : List.of(200.0, 1_000.0, 3_000.0, 6_500.0)) {
            float[] out = resample(tone(inputRate, f), inputRate);
            double[] ampPhase = fit(out, f, PolyphaseResampler.GROUP_DELAY_MICROS / 1e6);
            // Phase relative to the input tone delayed by exactly the documented constant.
            double delayErrorMicros = ampPhase[1] / (2 * Math.PI * f) * 1e6;
            assertThat(delayErrorMicros).as("delay error at %.0f Hz from %d Hz", f, inputRate)
                    .isBetween(-0.5, 0.5);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void anImpulseComesOutAtTheGroupDelay(int inputRate) {
        float[] in = new float[inputRate / 10];
        in[0] = 1;
        float[] out = resample(in, inputRate);
        int peak = 0;
        for (int i = 1; i < out.length; i++) {
            if (Math.abs(out[i]) > Math.abs(out[peak])) {
                peak = i;
            }
        }
        assertThat(peak).isEqualTo(PolyphaseResampler.GROUP_DELAY_OUTPUT_SAMPLES);
        assertThat(PolyphaseResampler.GROUP_DELAY_OUTPUT_SAMPLES).isEqualTo(40);
    }

    @Test
    void outputLengthFollowsTheRateRatio() {
        assertThat(resample(new float[48_000], 48_000)).hasSize(16_000);
        assertThat(resample(new float[44_100], 44_100)).hasSize(16_000);
        assertThat(resample(new float[882], 44_100)).hasSize(320);
        assertThat(new PolyphaseResampler(48_000).tapsPerOutputSample()).isEqualTo(241);
        assertThat(new PolyphaseResampler(44_100).tapsPerOutputSample()).isEqualTo(221);
    }

    @Test
    void ratesBelow16kHzAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> new PolyphaseResampler(8_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8000");
    }

    @Property(tries = 60)
    void streamingOutputEqualsOneShotOutput(
            @ForAll("rates") int inputRate,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 2_500) Integer> blocks,
            @ForAll long seed) {
        int total = blocks.stream().mapToInt(Integer::intValue).sum();
        float[] in = new float[total];
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < total; i++) {
            in[i] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] oneShot = resample(in, inputRate);

        PolyphaseResampler streaming = new PolyphaseResampler(inputRate);
        float[] out = new float[streaming.maxOutputFor(total) + 16];
        int produced = 0;
        int offset = 0;
        for (int block : blocks) {
            produced += streaming.process(in, offset, block, out, produced);
            offset += block;
        }
        assertThat(Arrays.copyOf(out, produced)).containsExactly(oneShot);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> rates() {
        return net.jqwik.api.Arbitraries.of(48_000, 44_100, 32_000, 22_050, 16_000, 96_000);
    }

    static float[] resample(float[] in, int inputRate) {
        PolyphaseResampler r = new PolyphaseResampler(inputRate);
        float[] out = new float[r.maxOutputFor(in.length)];
        return Arrays.copyOf(out, r.process(in, 0, in.length, out, 0));
    }

    static float[] tone(int rate, double f) {
        float[] x = new float[(int) (rate * SECONDS)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * f * i / rate));
        }
        return x;
    }

    /** Skips the filter's start-up transient (twice the delay) and then some. */
    private static int steadyStart() {
        return 4 * PolyphaseResampler.GROUP_DELAY_OUTPUT_SAMPLES;
    }

    /**
     * Least-squares fit of out[m] ≈ a·sin(2πf(t − delay)) + b·cos(2πf(t − delay)), t = m / 16 kHz, over the
     * steady part (the end is cut too: the input stops there).
     *
     * @return {amplitude, phase error in radians (positive = output later than the delayed input)}
     */
    static double[] fit(float[] out, double f, double delaySeconds) {
        int from = steadyStart();
        int to = out.length - steadyStart();
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int m = from; m < to; m++) {
            double w = 2 * Math.PI * f * (m / 16_000.0 - delaySeconds);
            double s = Math.sin(w);
            double c = Math.cos(w);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += out[m] * s;
            yc += out[m] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        // a·sin(w) + b·cos(w) = A·sin(w + φ) with φ = atan2(b, a); φ > 0 means the output leads.
        return new double[] {Math.hypot(a, b), -Math.atan2(b, a)};
    }

    static double rms(float[] x, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / count);
    }
}
