package com.waltalk.protocol.media;

import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.UserNames;
import java.util.Objects;

/**
 * The header of one media frame. Every instance satisfies the version 1 rules; see
 * {@code docs/PROTOCOL.md}.
 *
 * <p>Video headers have {@code width} and {@code height} in 1..4096 and {@code sampleRate} and
 * {@code channels} zero; audio headers have {@code sampleRate} in 8000..48000, {@code channels}
 * in 1..2 and {@code width} and {@code height} zero.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param kind what the payload holds
 * @param callId the call this frame belongs to, any 64-bit value
 * @param seq per-sender sequence number, an unsigned 32-bit value (0..4294967295)
 * @param captureMicros capture time in microseconds since the Unix epoch, on the sender's clock
 * @param width video width in pixels, or 0 for audio
 * @param height video height in pixels, or 0 for audio
 * @param sampleRate audio sample rate in Hz, or 0 for video
 * @param channels audio channel count, or 0 for video
 * @param peer the other party's user name: the recipient on frames a client sends, the sender
 *     (stamped by the relay) on frames the relay delivers
 */
public record MediaHeader(MediaKind kind, long callId, long seq, long captureMicros, int width,
        int height, int sampleRate, int channels, String peer) {

    /**
     * @throws IllegalArgumentException if a field breaks the rules above or {@code peer} is not
     *     a valid user name
     * @throws NullPointerException if {@code kind} is {@code null}
     */
    public MediaHeader {
        Objects.requireNonNull(kind, "kind");
        try {
            MediaRules.checkFields(kind, seq, width, height, sampleRate, channels);
            UserNames.validate(peer);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A video header; see the record description for the valid ranges. */
    public static MediaHeader video(long callId, long seq, long captureMicros, int width,
            int height, String peer) {
        return new MediaHeader(MediaKind.VIDEO_JPEG, callId, seq, captureMicros, width, height,
                0, 0, peer);
    }

    /** An audio header; see the record description for the valid ranges. */
    public static MediaHeader audio(long callId, long seq, long captureMicros, int sampleRate,
            int channels, String peer) {
        return new MediaHeader(MediaKind.AUDIO_PCM16LE, callId, seq, captureMicros, 0, 0,
                sampleRate, channels, peer);
    }

    /**
     * This header with {@code peer} replaced, as the relay does when it stamps the sender.
     *
     * @throws IllegalArgumentException if {@code peer} is not a valid user name
     */
    public MediaHeader withPeer(String peer) {
        return new MediaHeader(kind, callId, seq, captureMicros, width, height, sampleRate,
                channels, peer);
    }
}
