package com.waltalk.desktop.video;

/**
 * A snapshot of the outgoing video stream. Rates are over the last two seconds, counters since start.
 *
 * @param cameraOn       whether frames are being captured (and sent, when a sink is attached)
 * @param fpsOut         frames handed to the sink per second
 * @param kbitPerSecond  JPEG payload sent, kilobits per second
 * @param encodeMs       mean JPEG encode time per frame, ms
 * @param framesSent     frames handed to the sink
 * @param skippedSlots   frame slots passed over because capture+encode ran late
 * @param grabFailures   slots where the camera gave no picture (not ready, failed, timed out)
 */
public record OutgoingVideoStats(boolean cameraOn, double fpsOut, double kbitPerSecond, double encodeMs,
                                 long framesSent, long skippedSlots, long grabFailures) {
}
