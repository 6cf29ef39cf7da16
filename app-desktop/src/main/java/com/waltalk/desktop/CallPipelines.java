package com.waltalk.desktop;

import com.waltalk.desktop.call.CallMedia;
import com.waltalk.desktop.capture.OpenedCamera;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.session.MediaSwitches;
import com.waltalk.desktop.ui.call.CallMediaHooks;
import com.waltalk.desktop.ui.call.InCallView;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.video.FrameDisplay;
import com.waltalk.desktop.video.ScreenFrame;
import com.waltalk.desktop.video.VideoReceiver;
import com.waltalk.desktop.video.VideoRenderer;
import com.waltalk.desktop.video.VideoSender;
import com.waltalk.runtime.Threads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one window's calls: on accept, opens the camera and streams it (self-view and network),
 * decodes the peer's video into the call screen, and runs the audio pipeline; on hang-up, releases all of
 * it. Device work (opening and closing cameras and sound lines) runs on a background thread, so the
 * window never waits for a device.
 *
 * <p>Callbacks from the call screen arrive on the JavaFX thread; everything else is internally
 * synchronized on a single worker thread.
 */
final class CallPipelines implements CallMediaHooks {

    private static final Logger LOG = LoggerFactory.getLogger(CallPipelines.class);

    private final FxSession session;
    private final Supplier<OpenedCamera> camera;
    private final AudioPipelines audio;
    private final ExecutorService worker;
    private final ChangeListener<MediaSwitches> localListener = (o, was, now) -> localChanged(now);
    private final ChangeListener<CallView> callListener = (o, was, now) -> peerMediaChanged(now);
    private VideoSender sender;           // worker thread only
    private VideoReceiver receiver;       // worker thread only
    private VideoRenderer selfRenderer;   // set on FX thread, used by worker
    private VideoRenderer peerRenderer;
    private InCallView view;              // FX thread only
    private final AtomicBoolean peerShowing = new AtomicBoolean();
    private volatile boolean peerCameraOn = true; // frames still in flight after "camera off" are not shown

    private volatile java.util.function.Consumer<String> problems = p -> { };

    CallPipelines(FxSession session, Supplier<OpenedCamera> camera, Supplier<String> microphone,
                  Supplier<String> speaker) {
        this.session = session;
        this.camera = camera;
        this.audio = new AudioPipelines(microphone, speaker, p -> problems.accept(p));
        this.worker = Executors.newSingleThreadExecutor(Threads.named("call-media"));
    }

    @Override
    public void callStarted(CallView call, InCallView view) {
        this.view = view;
        CallMedia link = session.model().media();
        MediaSwitches local = session.localMediaProperty().get();
        VideoRenderer self = new VideoRenderer(view.selfImage());
        VideoRenderer peer = new VideoRenderer(view.peerImage());
        selfRenderer = self;
        peerRenderer = peer;
        self.start();
        peer.start();
        peerShowing.set(false);
        peerCameraOn = call.peerMedia().cameraOn();
        session.localMediaProperty().addListener(localListener);
        session.currentCallProperty().addListener(callListener);
        FrameDisplay peerDisplay = new FrameDisplay() {
            @Override
            public void present(ScreenFrame frame) {
                if (!peerCameraOn) {
                    return;
                }
                peer.present(frame);
                if (peerShowing.compareAndSet(false, true)) {
                    Platform.runLater(() -> view.peerVideoShowingProperty().set(true));
                }
            }

            @Override
            public long framesShown() {
                return peer.framesShown();
            }

            @Override
            public long framesDropped() {
                return peer.framesDropped();
            }
        };
        worker.execute(() -> {
            try {
                receiver = new VideoReceiver(peerDisplay, "peer");
                link.onVideo(receiver::offer);
                OpenedCamera cam = camera.get();
                sender = new VideoSender(cam);
                sender.addPreview(self::present);
                sender.setCameraOn(local.cameraOn());
                sender.setSink(link::sendVideo);
                sender.start();
                audio.start(link, local.micOn());
            } catch (RuntimeException e) {
                LOG.warn("Could not start the call's media: {}", e.toString(), e);
                problems.accept("The call's media could not start: " + e.getMessage());
            }
        });
    }

    private void peerMediaChanged(CallView now) {
        if (now == null) {
            return;
        }
        peerCameraOn = now.peerMedia().cameraOn();
        if (!now.peerMedia().cameraOn() && view != null) {
            peerShowing.set(false);
            view.peerVideoShowingProperty().set(false);
            VideoRenderer p = peerRenderer;
            if (p != null) {
                p.clear();
            }
        }
    }

    private void localChanged(MediaSwitches now) {
        worker.execute(() -> {
            if (sender != null) {
                sender.setCameraOn(now.cameraOn());
                if (!now.cameraOn() && selfRenderer != null) {
                    selfRenderer.clear();
                }
            }
            audio.setMuted(!now.micOn());
        });
    }

    @Override
    public void callEnded() {
        session.localMediaProperty().removeListener(localListener);
        session.currentCallProperty().removeListener(callListener);
        CallMedia link = session.model().media();
        VideoRenderer self = selfRenderer;
        VideoRenderer peer = peerRenderer;
        InCallView v = view;
        view = null;
        worker.execute(() -> {
            link.onVideo(null);
            if (sender != null) {
                sender.close();
                sender = null;
            }
            if (receiver != null) {
                receiver.close();
                receiver = null;
            }
            audio.stop(link);
            if (self != null) {
                self.stop();
                self.clear();
            }
            if (peer != null) {
                peer.stop();
                peer.clear();
            }
        });
        if (v != null) {
            v.peerVideoShowingProperty().set(false);
            v.peerImage().setImage(null);
            v.selfImage().setImage(null);
        }
    }

    @Override
    public void onProblem(java.util.function.Consumer<String> sink) {
        this.problems = sink;
    }

    @Override
    public double audioBufferMillis() {
        return audio.bufferMillis();
    }

    void close() {
        worker.shutdown();
    }
}
