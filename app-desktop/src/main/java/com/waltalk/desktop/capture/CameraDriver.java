package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.waltalk.runtime.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The app's Webcam Capture driver: the real cameras of the native driver (when it can run), then
 * the synthetic camera, which is therefore always listed.
 *
 * <p>The native driver is created lazily and asked for its devices on its own daemon thread with a
 * deadline; a failure or a timeout leaves only the synthetic camera and a {@link #problem()} the UI can
 * show. Native devices are wrapped in {@link TimedCameraDevice}, which is why this driver can tell
 * Webcam Capture it is thread-safe (so the synthetic camera never waits behind a stuck native call).
 *
 * <p>Thread-safe.
 */
public final class CameraDriver implements WebcamDriver {

    /** Deadlines for native calls: discovery, open, everything else (a frame grab). */
    public record Timeouts(Duration discovery, Duration open, Duration call) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    private final Supplier<WebcamDriver> nativeDriverFactory;
    private final SyntheticCameraDriver synthetic;
    private final Timeouts timeouts;
    private final ExecutorService nativeThread = Executors.newSingleThreadExecutor(Threads.named("camera-native"));
    private volatile String problem;
    private WebcamDriver nativeDriver; // only touched on nativeThread

    /**
     * @param nativeDriverFactory makes the native driver, or {@code null} when it must not be used;
     *                            called at most once, on the native thread
     * @param nativeUnusable      why there is no native driver (shown to the user), or empty
     */
    public CameraDriver(Supplier<WebcamDriver> nativeDriverFactory, Optional<String> nativeUnusable,
                        SyntheticCameraDriver synthetic, Timeouts timeouts) {
        this.nativeDriverFactory = nativeDriverFactory;
        this.synthetic = Objects.requireNonNull(synthetic, "synthetic");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.problem = nativeUnusable.orElse(null);
    }

    /** Webcam Capture's built-in driver when its native library is present, the synthetic camera always. */
    public static CameraDriver forThisSystem(String syntheticLabel) {
        Optional<String> missing = NativeCameraLibrary.missingLibrary();
        Supplier<WebcamDriver> factory = missing.isPresent()
                ? null : com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver::new;
        return new CameraDriver(factory, missing, new SyntheticCameraDriver(syntheticLabel), Timeouts.DEFAULT);
    }

    public SyntheticCameraDriver synthetic() {
        return synthetic;
    }

    /**
     * Why no real camera can be used, as a sentence for the user (set after discovery), or empty
     * when the native driver works (it may still have found no camera).
     */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public List<WebcamDevice> getDevices() {
        List<WebcamDevice> devices = new ArrayList<>(nativeDevices());
        devices.addAll(synthetic.getDevices());
        return devices;
    }

    private List<WebcamDevice> nativeDevices() {
        if (nativeDriverFactory == null) {
            return List.of();
        }
        Future<List<WebcamDevice>> f = nativeThread.submit(() -> {
            if (nativeDriver == null) {
                nativeDriver = nativeDriverFactory.get();
            }
            return nativeDriver.getDevices();
        });
        Duration limit = timeouts.discovery();
        try {
            List<WebcamDevice> found = f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            List<WebcamDevice> wrapped = new ArrayList<>();
            for (WebcamDevice d : found) {
                wrapped.add(new TimedCameraDevice(d, nativeThread, timeouts.open(), timeouts.call()));
            }
            problem = null;
            return wrapped;
        } catch (TimeoutException e) {
            f.cancel(true);
            problem = "The camera system did not answer within " + limit.toSeconds() + " s.";
        } catch (ExecutionException e) {
            problem = "The camera system failed to start: " + rootMessage(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "Camera discovery was interrupted.";
        }
        return List.of();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }
}
