package com.waltalk.desktop.call;

/**
 * Network figures of one media stream (video or audio, in or out) over a short sliding window.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param framesPerSecond frames per second over the window
 * @param kilobitsPerSecond payload + header kilobits per second over the window
 * @param totalFrames     frames since the call started
 * @param droppedFrames   out: frames not sent (no accepted call, camera off/muted, replaced in the send queue,
 *                        audio too old to be worth sending); in: frames missing according to {@code seq} gaps
 * @param latencyMillis   in: mean capture → arrival latency over the window, from the sender's capture time
 *                        corrected by both sides' clock offsets to the relay (estimate; -1 if no frames); out: -1
 */
public record StreamStats(double framesPerSecond, double kilobitsPerSecond, long totalFrames, long droppedFrames,
                          double latencyMillis) {
    public static final StreamStats NONE = new StreamStats(0, 0, 0, 0, -1);
}
