package com.waltalk.desktop;

import com.waltalk.desktop.capture.CameraDirectory;
import com.waltalk.desktop.capture.CameraDriver;
import com.waltalk.desktop.capture.OpenedCamera;
import com.waltalk.desktop.capture.PrivateSyntheticCamera;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.call.CallMediaHooks;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.settings.MediaDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Connects the screens to the media pipelines: camera capture and JPEG encoding into the session's
 * media link, decoding into the call screen's image views, microphone capture and speaker playback.
 * One per app; each window gets its own pipelines.
 *
 * <p>Thread-safe.
 */
public final class MediaWiring implements AutoCloseable {


    private final Supplier<CameraDirectory> cameras;
    private final List<CallPipelines> pipelines = new ArrayList<>();

    private MediaWiring(Supplier<CameraDirectory> cameras) {
        this.cameras = cameras;
    }

    /** Real cameras (with the test pattern as fallback), discovered on first use. */
    public static MediaWiring create() {
        return new MediaWiring(new Supplier<>() {
            private CameraDirectory directory;

            @Override
            public synchronized CameraDirectory get() {
                if (directory == null) {
                    directory = CameraDirectory.install(CameraDriver.forThisSystem(System.getProperty("user.name",
                            "me")));
                }
                return directory;
            }
        });
    }

    /** Only private test-pattern cameras: no camera discovery at all (demo, tests). */
    public static MediaWiring synthetic() {
        // Webcam Capture consults its process-wide driver even for cameras made outside it; a synthetic
        // driver never looks for native cameras
        com.github.sarxos.webcam.Webcam.setDriver(new com.waltalk.desktop.capture.SyntheticCameraDriver("WalTalk"));
        return new MediaWiring(() -> {
            throw new IllegalStateException("no camera discovery in synthetic mode");
        });
    }

    MediaDevices devices(AppSettings settings) {
        return new DeviceCatalog(name -> cameras.get().open(name), () -> cameras.get().list().names());
    }

    synchronized CallMediaHooks hooksFor(FxSession session, AppSettings settings) {
        CallPipelines p = new CallPipelines(session, () -> cameras.get().open(settings.cameraProperty().get()),
                () -> fx(settings.microphoneProperty()), () -> fx(settings.speakerProperty()));
        pipelines.add(p);
        return p;
    }

    /** Devices of a demo window: {@code user}'s own test pattern. */
    public MediaDevices demoDevices(String user) {
        return new DeviceCatalog(name -> PrivateSyntheticCamera.open(user),
                () -> List.of(com.waltalk.desktop.capture.SyntheticCameraDriver.nameFor(user)));
    }

    /** Pipelines of a demo window: {@code user}'s own test pattern, the default sound devices. */
    public synchronized CallMediaHooks demoHooksFor(FxSession session, String user) {
        CallPipelines p = new CallPipelines(session, () -> PrivateSyntheticCamera.open(user),
                () -> null, () -> null);
        pipelines.add(p);
        return p;
    }

    /** Reads a setting from a device thread (settings belong to the FX thread; a String read is safe enough). */
    private static String fx(javafx.beans.property.StringProperty p) {
        return p.get();
    }

    @Override
    public synchronized void close() {
        pipelines.forEach(CallPipelines::close);
    }

    /** Opens a camera by name (null: the default). */
    interface CameraOpener {
        OpenedCamera open(String name);
    }
}
