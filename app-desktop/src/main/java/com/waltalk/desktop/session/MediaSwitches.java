package com.waltalk.desktop.session;

/**
 * Which media a call party has switched on: the local user's choice, or the peer's as the relay reports it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param cameraOn the camera is sending video
 * @param micOn    the microphone is sending audio (not muted)
 */
public record MediaSwitches(boolean cameraOn, boolean micOn) {
    public static final MediaSwitches ALL_ON = new MediaSwitches(true, true);

    public MediaSwitches withCamera(boolean on) {
        return new MediaSwitches(on, micOn);
    }

    public MediaSwitches withMic(boolean on) {
        return new MediaSwitches(cameraOn, on);
    }

    public boolean muted() {
        return !micOn;
    }
}
