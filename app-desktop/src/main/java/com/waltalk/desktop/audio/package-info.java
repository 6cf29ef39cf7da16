/**
 * Microphone capture: {@link com.waltalk.desktop.audio.MicrophoneCapture} opens a javax.sound
 * {@code TargetDataLine} on the chosen mixer ({@link com.waltalk.desktop.audio.AudioDevices} lists them)
 * at the first rate it accepts; {@code CapturePacketizer} folds to mono ({@code PcmDecoder}), resamples to
 * 16 kHz ({@code PolyphaseResampler}), measures the level ({@code AudioLevel}) and cuts 20 ms
 * {@code media.AudioPacket}s.
 *
 * <p><b>Uses</b> {@code media}, javax.sound and shared-runtime. <b>Must not use</b> {@code call},
 * {@code net}, {@code session}, the {@code ui} packages or JavaFX: packets go to a
 * {@link com.waltalk.desktop.audio.CaptureListener}. <b>Used by</b> {@code playback} (device names, PCM
 * decoding, the device exception), the composition root and {@code bench}.
 *
 * <p><b>Threads.</b> Each capture reads the line and calls its listener on its own {@code microphone}
 * thread; {@code setMuted} and {@code close} may be called from any thread.
 */
package com.waltalk.desktop.audio;
