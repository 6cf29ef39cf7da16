package com.waltalk.desktop.playback;

/**
 * What the listener hears now, in frames since the line started: the device's own frame position,
 * except when the device claims to play faster than real time (ALSA's {@code null}/{@code file}
 * plugins consume everything written at once). Then the position is extrapolated from the last
 * believable device reading at the nominal rate, so playback stays paced to real time instead of
 * spinning.
 *
 * <p>A real device drifts from the system clock by far less than {@link #TOLERANCE_FRAMES} between
 * readings, so every reading of a real device is believed and re-bases the extrapolation.
 *
 * <p>Not thread-safe: read by the playback thread only.
 */
final class PlayPosition {

    static final long TOLERANCE_FRAMES = 320; // 20 ms at 16 kHz

    private final int rate;
    private long baseFrames;
    private long baseNanos;

    PlayPosition(int rate, long startNanos) {
        this.rate = rate;
        this.baseNanos = startNanos;
    }

    /** @param deviceFrames the line's frame position now, read at {@code nowNanos} */
    long update(long deviceFrames, long nowNanos) {
        long paced = baseFrames + (nowNanos - baseNanos) * rate / 1_000_000_000L;
        if (deviceFrames <= paced + TOLERANCE_FRAMES) {
            baseFrames = deviceFrames;
            baseNanos = nowNanos;
            return deviceFrames;
        }
        return paced;
    }
}
