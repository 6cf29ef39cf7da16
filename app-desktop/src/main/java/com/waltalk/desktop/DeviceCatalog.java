package com.waltalk.desktop;

import com.waltalk.desktop.capture.OpenedCamera;
import com.waltalk.desktop.ui.settings.MediaDevices;
import com.waltalk.desktop.video.VideoRenderer;
import com.waltalk.desktop.video.VideoSender;
import com.waltalk.runtime.Threads;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;
import javafx.scene.image.ImageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices the settings screen offers: cameras (live preview through the same capture pipeline as a
 * call), microphones and speakers (javax.sound mixers). Thread-safe; device work runs on background
 * threads.
 */
final class DeviceCatalog implements MediaDevices {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCatalog.class);

    private final MediaWiring.CameraOpener opener;
    private final Supplier<List<String>> cameraNames;
    private final SoundDevices sound = new SoundDevices();

    DeviceCatalog(MediaWiring.CameraOpener opener, Supplier<List<String>> cameraNames) {
        this.opener = opener;
        this.cameraNames = cameraNames;
    }

    @Override
    public List<String> cameras() {
        return cameraNames.get();
    }

    @Override
    public List<String> microphones() {
        return com.waltalk.desktop.audio.AudioDevices.captureDeviceNames();
    }

    @Override
    public List<String> speakers() {
        return com.waltalk.desktop.audio.AudioDevices.playbackDeviceNames();
    }

    @Override
    public AutoCloseable previewCamera(String name, ImageView target) {
        VideoRenderer renderer = new VideoRenderer(target);
        renderer.start();
        // Opening a camera can take seconds (a native call with a 10 s deadline): a thread of its own, not the
        // common pool, which on 2 cores or fewer is a new unnamed non-daemon thread per task.
        CompletableFuture<VideoSender> sender = CompletableFuture.supplyAsync(() -> {
            OpenedCamera cam = opener.open(name);
            VideoSender s = new VideoSender(cam);
            s.addPreview(renderer::present);
            s.start();
            return s;
        }, task -> Threads.startDaemon("camera-preview", task));
        return () -> {
            renderer.stop();
            sender.thenAccept(VideoSender::close).exceptionally(e -> {
                LOG.info("Camera preview failed: {}", e.toString());
                return null;
            });
        };
    }

    @Override
    public AutoCloseable meterMicrophone(String name, DoubleConsumer level) {
        return sound.meter(name, level);
    }

    @Override
    public void playTestSound(String name) {
        sound.playTestSound(name);
    }
}
