/**
 * Speaker playback: {@link com.waltalk.desktop.playback.SpeakerPlayback} takes the peer's audio packets,
 * {@link com.waltalk.desktop.playback.JitterScheduler} places each on the playout timeline by its timestamp
 * (snapped against its sequence neighbours), and the playback thread keeps a javax.sound
 * {@code SourceDataLine} fed just in time, dropping a quiet packet now and then to bring a raised delay back.
 *
 * <p><b>Uses</b> {@code audio} (device lookup, PCM decoding), {@code media}, javax.sound and shared-runtime.
 * <b>Must not use</b> {@code call}, {@code net}, {@code session}, the {@code ui} packages or JavaFX.
 * <b>Used by</b> the composition root and {@code bench}.
 *
 * <p><b>Threads.</b> {@code offer} is called on the network receive thread and never blocks on the device;
 * the line is written on the playback's own {@code speaker} thread.
 */
package com.waltalk.desktop.playback;
