package com.waltalk.desktop.ui.settings;

import java.util.List;
import java.util.function.DoubleConsumer;
import javafx.scene.image.ImageView;

/**
 * What the settings screen needs from the media side: the devices to choose from, a live camera
 * preview, a microphone level and a test sound. Implementations do device work off the JavaFX thread.
 * Thread-safe.
 */
public interface MediaDevices {

    /** Camera names (the first is the default). */
    List<String> cameras();

    /** Microphone (capture mixer) names. */
    List<String> microphones();

    /** Speaker (playback mixer) names. */
    List<String> speakers();

    /** Shows camera {@code name} (null: default) in {@code target} until the returned handle is closed. */
    AutoCloseable previewCamera(String name, ImageView target);

    /** Reports microphone {@code name}'s level (0..1, any thread) until the returned handle is closed. */
    AutoCloseable meterMicrophone(String name, DoubleConsumer level);

    /** Plays a short test sound on speaker {@code name} (null: default). */
    void playTestSound(String name);

    /** No devices at all (tests of screens that do not need media). */
    MediaDevices NONE = new MediaDevices() {
        @Override
        public List<String> cameras() {
            return List.of();
        }

        @Override
        public List<String> microphones() {
            return List.of();
        }

        @Override
        public List<String> speakers() {
            return List.of();
        }

        @Override
        public AutoCloseable previewCamera(String name, ImageView target) {
            return () -> { };
        }

        @Override
        public AutoCloseable meterMicrophone(String name, DoubleConsumer level) {
            return () -> { };
        }

        @Override
        public void playTestSound(String name) {
        }
    };
}
