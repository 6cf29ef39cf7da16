package com.waltalk.desktop.playback;

/**
 * What the speaker side has done so far, for the UI. Immutable snapshot.
 *
 * @param bufferMillis   audio scheduled ahead of what is being heard now (device buffer + queue), ms;
 *                       never more than {@link JitterScheduler#MAX_AHEAD_MILLIS}
 * @param played         packets that were (started to be) played
 * @param late           packets dropped because their time had passed when they arrived
 * @param concealed      20 ms slots filled with faded silence because their packet never came in time
 * @param duplicates     packets dropped because the same sequence number was already seen
 * @param reanchors      times the schedule ran more than 150 ms ahead and was pulled back
 * @param droppedExcess  queued packets dropped by those re-anchors
 * @param underruns      times the schedule ran dry and restarted at the next packet
 * @param shrinkDrops    queued packets dropped (the quietest at hand) to bring the delay back toward
 *                       the start delay after it had stayed higher than needed; not in {@code concealed}
 */
public record PlaybackStats(double bufferMillis, long played, long late, long concealed, long duplicates,
                            long reanchors, long droppedExcess, long underruns, long shrinkDrops) {
}
