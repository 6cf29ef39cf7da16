package com.waltalk.desktop.audio;

/**
 * Level of one 20 ms packet of microphone audio, in dB relative to full scale (0 dBFS = the
 * largest PCM16 value; a full-scale sine has an RMS of −3 dBFS). Silence reads {@link #FLOOR_DBFS}.
 *
 * <p>Immutable.
 *
 * @param peakDbfs largest absolute sample
 * @param rmsDbfs  root mean square
 */
public record AudioLevel(double peakDbfs, double rmsDbfs) {

    /** The lowest level reported; digital silence. */
    public static final double FLOOR_DBFS = -100;

    public static final AudioLevel SILENCE = new AudioLevel(FLOOR_DBFS, FLOOR_DBFS);

    /** Measures samples in full scale ±1.0. */
    public static AudioLevel of(float[] samples, int offset, int count) {
        double peak = 0;
        double sumSquares = 0;
        for (int i = offset; i < offset + count; i++) {
            double s = samples[i];
            peak = Math.max(peak, Math.abs(s));
            sumSquares += s * s;
        }
        double rms = count == 0 ? 0 : Math.sqrt(sumSquares / count);
        return new AudioLevel(toDbfs(peak), toDbfs(rms));
    }

    private static double toDbfs(double value) {
        return value <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(value));
    }
}
