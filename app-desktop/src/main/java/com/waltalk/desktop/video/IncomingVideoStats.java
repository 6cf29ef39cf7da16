package com.waltalk.desktop.video;

/**
 * A snapshot of one incoming video stream. Rates are over the last two seconds, counters since start.
 *
 * @param fpsIn          frames arriving per second
 * @param kbitPerSecond  JPEG payload arriving, kilobits per second
 * @param decodeMs       mean JPEG decode time per decoded frame, ms
 * @param framesReceived frames offered to the stream
 * @param framesDecoded  frames decoded successfully
 * @param framesShown    frames written to the screen
 * @param staleDropped   frames dropped because a newer one arrived first (before decode or before display),
 *                       or because they were older than one already decoded
 * @param corrupt        frames that were not a complete JPEG (skipped, never shown)
 */
public record IncomingVideoStats(double fpsIn, double kbitPerSecond, double decodeMs, long framesReceived,
                                 long framesDecoded, long framesShown, long staleDropped, long corrupt) {
}
