package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import java.util.List;

/**
 * A Webcam Capture driver with exactly one device: a {@link SyntheticCameraDevice} named
 * {@code "WalTalk test pattern (<label>)"}. Install it alone with {@code Webcam.setDriver(...)} in tests,
 * or as part of {@link CameraDriver} in the app.
 *
 * <p>Thread-safe: the device list is fixed at construction and the device synchronizes itself.
 */
public final class SyntheticCameraDriver implements WebcamDriver {

    /** Every synthetic camera's name starts with this. */
    public static final String NAME_PREFIX = "WalTalk test pattern";

    private final SyntheticCameraDevice device;

    /** @param label drawn on the picture and part of the device name (e.g. the signed-in user) */
    public SyntheticCameraDriver(String label) {
        this.device = new SyntheticCameraDevice(nameFor(label), label);
    }

    /** The device name a synthetic camera with this label has. */
    public static String nameFor(String label) {
        return NAME_PREFIX + " (" + label + ")";
    }

    /** Whether a camera name is one of ours. */
    public static boolean isSynthetic(String cameraName) {
        return cameraName != null && cameraName.startsWith(NAME_PREFIX);
    }

    public SyntheticCameraDevice device() {
        return device;
    }

    @Override
    public List<WebcamDevice> getDevices() {
        return List.of(device);
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public String toString() {
        return "SyntheticCameraDriver[" + device.getName() + "]";
    }
}
