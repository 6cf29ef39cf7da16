package com.waltalk.desktop.audio;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The microphones and speakers Java Sound can see, by mixer name (what a settings screen lists and
 * what {@link MicrophoneCapture} and {@code SpeakerPlayback} accept). On Linux these are OpenJDK's
 * "Direct Audio Device" mixers: the ALSA {@code default} PCM (named like {@code "default [default]"})
 * and one per hardware PCM ({@code "PCH [plughw:0,0]"}); port mixers (volume controls) are not listed.
 *
 * <p>Stateless and thread-safe.
 */
public final class AudioDevices {

    private AudioDevices() {
    }

    /** Names of the mixers that offer a capture line, in Java Sound's order (the default first). */
    public static List<String> captureDeviceNames() {
        return names(TargetDataLine.class);
    }

    /** Names of the mixers that offer a playback line. */
    public static List<String> playbackDeviceNames() {
        return names(SourceDataLine.class);
    }

    /**
     * The mixer with this name that offers {@code lineClass}, or {@code null} for a null/blank name
     * (meaning the system default).
     *
     * @throws AudioDeviceException if there is no such device
     */
    public static Mixer find(String name, Class<? extends Line> lineClass, String what) throws AudioDeviceException {
        if (name == null || name.isBlank()) {
            return null;
        }
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(name) || info.getName().trim().equals(name.trim())) {
                Mixer mixer = AudioSystem.getMixer(info);
                if (mixer.isLineSupported(new Line.Info(lineClass))) {
                    return mixer;
                }
            }
        }
        throw new AudioDeviceException("No " + what + " named \"" + name + "\". Available: "
                + (lineClass == TargetDataLine.class ? captureDeviceNames() : playbackDeviceNames()));
    }

    private static List<String> names(Class<? extends Line> lineClass) {
        List<String> names = new ArrayList<>();
        Line.Info wanted = new Line.Info(lineClass);
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(info).isLineSupported(wanted)) {
                    names.add(info.getName());
                }
            } catch (RuntimeException e) {
                // A provider that fails on one mixer must not hide the others.
            }
        }
        return List.copyOf(names);
    }
}
