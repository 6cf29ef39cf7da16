package com.waltalk.desktop.audio;

/**
 * What the microphone has done so far, for the UI. Immutable snapshot.
 *
 * @param deviceName    the mixer the line belongs to
 * @param inputRate     the rate the device is opened at (resampled to 16 kHz)
 * @param inputChannels the channels it delivers (folded to mono)
 * @param packetsSent   packets handed to the sender (seq of the next packet)
 * @param packetsMuted  20 ms packets captured but not sent because the microphone was muted
 * @param muted         whether the microphone is muted now
 * @param level         level of the latest packet (measured while muted too)
 */
public record CaptureStats(String deviceName, int inputRate, int inputChannels, long packetsSent,
                           long packetsMuted, boolean muted, AudioLevel level) {
}
