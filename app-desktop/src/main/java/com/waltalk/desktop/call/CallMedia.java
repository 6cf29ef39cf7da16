package com.waltalk.desktop.call;

import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.media.EncodedVideoFrame;
import java.util.function.Consumer;

/**
 * The media side of the current call: the capture pipelines hand their frames to {@link #sendVideo} and
 * {@link #sendAudio}; frames from the peer are delivered to the consumers set with {@link #onVideo} and
 * {@link #onAudio}.
 *
 * <p>Outside an accepted call (ringing, no call, reconnecting) sent frames are dropped and counted; while
 * the camera is off or the microphone muted, video or audio is dropped before it leaves the machine.
 *
 * <p><b>Timestamps.</b> {@code captureMicros} of frames handed in is the sender's wall clock
 * ({@code System.currentTimeMillis()}-based). On the wire it is sent converted to the relay's clock (using
 * the offset learned at sign-in), and frames delivered to the consumers carry it converted back to the
 * local wall clock, so a receiver may compare it with its own clock directly (latency, jitter scheduling).
 *
 * <p><b>Threading.</b> {@code send*} never block for long: they encode and queue (latest video wins when the
 * connection is slow; audio waits in order). Consumers are called on the network receive thread, in arrival
 * order per stream; they must not block (queue into the pipeline).
 *
 * <p>Thread-safety: safe to use from any thread.
 */
public interface CallMedia {

    /** Sends a JPEG frame to the peer of the accepted call, if any. */
    void sendVideo(EncodedVideoFrame frame);

    /** Sends a 16 kHz mono PCM16LE packet to the peer of the accepted call, if any. */
    void sendAudio(AudioPacket packet);

    /** Where incoming video goes (replaces the previous consumer; {@code null} discards). */
    void onVideo(Consumer<EncodedVideoFrame> consumer);

    /** Where incoming audio goes (replaces the previous consumer; {@code null} discards). */
    void onAudio(Consumer<AudioPacket> consumer);

    /** Per-stream network figures over the last couple of seconds, and the clock/RTT estimates. */
    MediaStats stats();
}
