package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A camera opened by {@link CameraDirectory}: the Webcam Capture handle, which camera it is, and why it
 * is not the one asked for (when it is not).
 *
 * <p>Thread-safe as far as Webcam Capture is ({@code Webcam} guards its own state); meant to be grabbed
 * from one capture thread.
 */
public final class OpenedCamera implements AutoCloseable {

    private final Webcam webcam;
    private final Optional<String> notice;

    OpenedCamera(Webcam webcam, Optional<String> notice) {
        this.webcam = webcam;
        this.notice = notice;
    }

    public String name() {
        return webcam.getName();
    }

    public boolean isSynthetic() {
        return SyntheticCameraDriver.isSynthetic(name());
    }

    /** The mode the camera was opened in (before cover-crop to the stream size). */
    public Dimension mode() {
        return webcam.getViewSize();
    }

    /** A sentence for the user when this is not the camera that was asked for, or when there is no real one. */
    public Optional<String> notice() {
        return notice;
    }

    /**
     * The next picture, or {@code null} when the camera has none right now (closed, not ready, or a
     * grab that failed or timed out: the caller skips this frame slot).
     */
    public BufferedImage grab() {
        try {
            return webcam.getImage();
        } catch (WebcamException e) {
            return null;
        }
    }

    /** Reopens the device after {@link #close()} (camera on again). */
    public void reopen() {
        webcam.open();
    }

    public boolean isOpen() {
        return webcam.isOpen();
    }

    /** Closes the device (camera light off); {@link #reopen()} opens it again. */
    @Override
    public void close() {
        try {
            webcam.close();
        } catch (WebcamException e) {
            // a camera that fails to close is gone anyway
        }
    }
}
