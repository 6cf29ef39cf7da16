package com.waltalk.desktop;

import com.waltalk.desktop.audio.AudioDeviceException;
import com.waltalk.desktop.audio.CaptureListener;
import com.waltalk.desktop.audio.MicrophoneCapture;
import com.waltalk.desktop.call.CallMedia;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.playback.SpeakerPlayback;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio side of a call: the chosen microphone captured into the media link, the peer's audio through
 * the jitter scheduler to the chosen speaker. A missing or busy device is reported once and the call goes
 * on without that half. Methods are called on the call-media worker thread; {@link #bufferMillis()} from
 * any thread.
 */
class AudioPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(AudioPipelines.class);

    private final Supplier<String> microphone;
    private final Supplier<String> speaker;
    private final Consumer<String> problems;
    private volatile MicrophoneCapture capture;
    private volatile SpeakerPlayback playback;

    /**
     * @param microphone the chosen microphone's name (null: default), read at each call
     * @param speaker    the chosen speaker's name (null: default), read at each call
     * @param problems   told a sentence when a device cannot be used (any thread)
     */
    AudioPipelines(Supplier<String> microphone, Supplier<String> speaker, Consumer<String> problems) {
        this.microphone = microphone;
        this.speaker = speaker;
        this.problems = problems;
    }

    /** Starts playback and capture (muted if {@code !micOn}) for the call on {@code link}. */
    void start(CallMedia link, boolean micOn) {
        stop(link);
        try {
            SpeakerPlayback p = SpeakerPlayback.start(speaker.get());
            playback = p;
            link.onAudio(p::offer);
        } catch (AudioDeviceException e) {
            LOG.warn("No speaker for the call: {}", e.getMessage());
            // the device detail goes to the log; the person in the call needs to know what it means for them
            problems.accept("No usable speaker: you will see the call but not hear it. Choose another speaker in "
                    + "Settings.");
        }
        try {
            capture = MicrophoneCapture.start(microphone.get(), MicrophoneCapture.PREFERRED_FORMATS, !micOn,
                    new CaptureListener() {
                        @Override
                        public void onPacket(AudioPacket packet) {
                            link.sendAudio(packet);
                        }

                        @Override
                        public void onFailure(AudioDeviceException failure) {
                            LOG.warn("Microphone failed during the call: {}", failure.getMessage());
                            problems.accept("The microphone stopped working: the other side cannot hear you.");
                        }
                    });
        } catch (AudioDeviceException e) {
            LOG.warn("No microphone for the call: {}", e.getMessage());
            problems.accept("No usable microphone: the other side cannot hear you. Choose another microphone in "
                    + "Settings.");
        }
    }

    void setMuted(boolean muted) {
        MicrophoneCapture c = capture;
        if (c != null) {
            c.setMuted(muted);
        }
    }

    /** Stops capture and playback and releases the sound lines. */
    void stop(CallMedia link) {
        link.onAudio(null);
        MicrophoneCapture c = capture;
        capture = null;
        if (c != null) {
            c.close();
        }
        SpeakerPlayback p = playback;
        playback = null;
        if (p != null) {
            p.close();
        }
    }

    /** How far playback runs ahead of real time, ms; negative if nothing plays. */
    double bufferMillis() {
        SpeakerPlayback p = playback;
        return p == null ? -1 : p.stats().bufferMillis();
    }
}
