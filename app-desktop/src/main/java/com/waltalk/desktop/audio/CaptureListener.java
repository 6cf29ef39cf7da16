package com.waltalk.desktop.audio;

import com.waltalk.desktop.media.AudioPacket;

/**
 * Receives what the microphone produces. All methods are called on the capture thread and must
 * return quickly (hand packets to a queue, post levels to the UI thread).
 */
public interface CaptureListener {

    /** A 20 ms packet to send (never called while muted). */
    void onPacket(AudioPacket packet);

    /** The level of each 20 ms of audio, muted or not (for a level meter). */
    default void onLevel(AudioLevel level) {
    }

    /** The line failed while running (device unplugged, ...); capture has stopped. */
    default void onFailure(AudioDeviceException failure) {
    }
}
