package com.waltalk.desktop.media;

import java.util.Objects;

/**
 * One JPEG video frame as it leaves the camera pipeline or arrives from the relay.
 *
 * <p>Immutable by convention: producers hand over the array and never touch it again.
 *
 * @param seq           per-stream sequence number (wraps as an unsigned 32-bit value on the wire)
 * @param captureMicros capture time, microseconds since the epoch on the sender's wall clock
 * @param width         pixels
 * @param height        pixels
 * @param jpeg          the JPEG bytes
 */
public record EncodedVideoFrame(long seq, long captureMicros, int width, int height, byte[] jpeg) {
    public EncodedVideoFrame {
        Objects.requireNonNull(jpeg, "jpeg");
    }
}
