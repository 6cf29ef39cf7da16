package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.Webcam;
import java.util.Optional;

/**
 * A synthetic camera that belongs to one user of this process only, outside Webcam Capture's global
 * driver: the demo and the UI tests run two windows in one JVM, each with its own labelled test pattern.
 *
 * <p>Thread-safe: each call creates an independent camera.
 */
public final class PrivateSyntheticCamera {

    private PrivateSyntheticCamera() {
    }

    /** Opens a new test-pattern camera labelled {@code label} at the stream size. */
    public static OpenedCamera open(String label) {
        SyntheticCameraDevice device = new SyntheticCameraDevice(SyntheticCameraDriver.nameFor(label), label);
        Webcam webcam = new Webcam(device) { };
        webcam.getLock().disable();
        CaptureModes.nearest(webcam.getViewSizes(), CameraDirectory.STREAM_SIZE).ifPresent(webcam::setViewSize);
        webcam.open();
        return new OpenedCamera(webcam, Optional.empty());
    }
}
