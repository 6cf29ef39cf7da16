package com.waltalk.desktop;

import com.waltalk.desktop.audio.AudioDeviceException;
import com.waltalk.desktop.audio.AudioLevel;
import com.waltalk.desktop.audio.CaptureListener;
import com.waltalk.desktop.audio.MicrophoneCapture;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.ui.call.Ringtone;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microphone level meter and speaker test sound for the settings screen. Thread-safe.
 */
final class SoundDevices {

    private static final Logger LOG = LoggerFactory.getLogger(SoundDevices.class);
    /** The meter shows -60 dBFS .. 0 dBFS. */
    static final double METER_FLOOR_DBFS = -60;

    /** Reports the level (0..1) of microphone {@code name} until closed; a missing microphone reports nothing. */
    AutoCloseable meter(String name, DoubleConsumer level) {
        try {
            MicrophoneCapture c = MicrophoneCapture.start(name, MicrophoneCapture.PREFERRED_FORMATS, true,
                    new CaptureListener() {
                        @Override
                        public void onPacket(AudioPacket packet) {
                        }

                        @Override
                        public void onLevel(AudioLevel l) {
                            level.accept(meterValue(l));
                        }
                    });
            return c::close;
        } catch (AudioDeviceException e) {
            LOG.info("No microphone level: {}", e.getMessage());
            return () -> { };
        }
    }

    static double meterValue(AudioLevel l) {
        double db = Math.max(METER_FLOOR_DBFS, Math.min(0, l.rmsDbfs()));
        return (db - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS;
    }

    /** Plays one chime on speaker {@code name}. */
    void playTestSound(String name) {
        Ringtone.playOnce(name);
    }
}
