package com.waltalk.desktop;

import com.waltalk.desktop.call.CallMedia;

/**
 * The audio side of a call: microphone capture into the media link, the peer's audio through the
 * jitter scheduler to the speaker. Methods are called on the call-media worker thread.
 */
class AudioPipelines {

    /** Starts capture (muted if {@code !micOn}) and playback for the call on {@code link}. */
    void start(CallMedia link, boolean micOn) {
    }

    void setMuted(boolean muted) {
    }

    /** Stops capture and playback and releases the sound lines. */
    void stop(CallMedia link) {
        link.onAudio(null);
    }

    /** How far playback runs ahead of real time, ms; negative if unknown. */
    double bufferMillis() {
        return -1;
    }
}
