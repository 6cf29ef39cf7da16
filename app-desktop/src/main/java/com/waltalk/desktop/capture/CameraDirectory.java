package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;
import java.awt.Dimension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camera access for the app: lists camera names for the settings screen and opens one by name at the
 * mode nearest to the stream size, falling back to the synthetic camera — with a sentence saying why —
 * when the camera is missing, busy or broken. Never throws for a missing or broken camera.
 *
 * <p>Webcam Capture's driver is process-global, so {@link #install(CameraDriver)} replaces it (and
 * disposes every camera of the previous driver).
 *
 * <p>Thread-safe: Webcam Capture serializes discovery; opening is synchronized here.
 */
public final class CameraDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CameraDirectory.class);

    /** The size every outgoing frame has (docs/PROTOCOL.md; issue 4). */
    public static final Dimension STREAM_SIZE = new Dimension(640, 360);

    static final String NO_CAMERA = "No camera found: showing a test pattern instead.";

    private final CameraDriver driver;
    private final Duration discoveryTimeout;

    private CameraDirectory(CameraDriver driver, Duration discoveryTimeout) {
        this.driver = driver;
        this.discoveryTimeout = discoveryTimeout;
    }

    /** Installs {@code driver} as Webcam Capture's driver (process-wide) and returns a directory over it. */
    public static synchronized CameraDirectory install(CameraDriver driver) {
        Webcam.setDriver(driver);
        // the driver's own deadline plus time for Webcam's bookkeeping
        return new CameraDirectory(driver, Duration.ofSeconds(15));
    }

    /** The cameras to offer, real ones first; the synthetic camera is always last. */
    public CameraList list() {
        List<String> names = new ArrayList<>();
        for (Webcam w : webcams()) {
            names.add(w.getName());
        }
        if (names.isEmpty()) { // only a discovery timeout gets here: CameraDriver never throws
            names.add(driver.synthetic().device().getName());
        }
        CameraList list = new CameraList(names, Optional.empty());
        if (list.hasRealCamera()) {
            return list;
        }
        String why = driver.problem().map(p -> p + " Showing a test pattern instead.").orElse(NO_CAMERA);
        return new CameraList(names, Optional.of(why));
    }

    /**
     * Opens the named camera, or the first real camera when {@code name} is null or blank, or the
     * synthetic camera when neither can be opened. The returned camera's notice says what happened
     * when it is not what was asked for.
     */
    public synchronized OpenedCamera open(String name) {
        List<Webcam> all = webcams();
        Webcam wanted = null;
        for (Webcam w : all) {
            boolean match = (name == null || name.isBlank())
                    ? !SyntheticCameraDriver.isSynthetic(w.getName())
                    : w.getName().equals(name);
            if (match) {
                wanted = w;
                break;
            }
        }
        String notice = null;
        if (wanted != null) {
            try {
                openAtStreamSize(wanted);
                return new OpenedCamera(wanted, Optional.empty()); // what was asked for, or a real camera
            } catch (RuntimeException e) {
                LOG.warn("camera '{}' could not be opened: {}", wanted.getName(), e.toString());
                notice = "Camera '" + wanted.getName() + "' could not be opened (" + e.getMessage()
                        + "): showing a test pattern instead.";
            }
        } else if (name != null && !name.isBlank()) {
            notice = "Camera '" + name + "' is not connected: showing a test pattern instead.";
        } else {
            notice = list().notice().orElse(NO_CAMERA);
        }
        Webcam fallback = syntheticWebcam(all);
        openAtStreamSize(fallback);
        return new OpenedCamera(fallback, Optional.of(notice));
    }

    private static boolean isSynthetic(Webcam w) {
        return SyntheticCameraDriver.isSynthetic(w.getName());
    }

    private Webcam syntheticWebcam(List<Webcam> all) {
        String syntheticName = driver.synthetic().device().getName();
        for (Webcam w : all) {
            if (w.getName().equals(syntheticName)) {
                return w;
            }
        }
        throw new IllegalStateException("the synthetic camera is missing from the camera list");
    }

    private static void openAtStreamSize(Webcam webcam) {
        if (isSynthetic(webcam)) {
            // Webcam Capture locks a camera against other Java processes through a file named after the
            // camera; two WalTalk instances on one machine may both use a synthetic camera.
            webcam.getLock().disable();
        }
        if (!webcam.isOpen()) {
            CaptureModes.nearest(webcam.getViewSizes(), STREAM_SIZE).ifPresent(webcam::setViewSize);
            if (!webcam.open()) {
                throw new WebcamException("open was interrupted");
            }
        }
    }

    private List<Webcam> webcams() {
        try {
            return Webcam.getWebcams(discoveryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | WebcamException e) {
            LOG.warn("camera discovery failed: {}", e.toString());
            return List.of();
        }
    }
}
