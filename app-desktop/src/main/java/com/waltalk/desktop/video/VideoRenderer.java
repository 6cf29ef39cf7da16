package com.waltalk.desktop.video;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Shows frames in an {@link ImageView}: the newest frame waits in a one-frame slot, and an
 * {@link AnimationTimer} copies it into a {@link WritableImage} once per JavaFX pulse, so the view is
 * updated at most once per pulse however fast frames come. Used for the remote video (fed by a
 * {@link VideoReceiver}) and for the local preview (fed by {@link VideoSender#addPreview}).
 *
 * <p>Thread-safe: {@link #present} and {@link #clear} from any thread; {@link #start}/{@link #stop}
 * from any thread (they run on the JavaFX thread); {@link FrameShownListener}s are added/removed from any
 * thread and called on the JavaFX thread.
 */
public final class VideoRenderer implements FrameDisplay {

    private static final ScreenFrame CLEAR = new ScreenFrame(-1, 1, 1, new int[1]);

    private final ImageView view;
    private final AtomicReference<ScreenFrame> latest = new AtomicReference<>();
    private final AtomicLong shown = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<FrameShownListener> shownListeners = new CopyOnWriteArrayList<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            showLatest();
        }
    };
    private WritableImage image; // JavaFX thread only

    public VideoRenderer(ImageView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    public void start() {
        onFxThread(timer::start);
    }

    public void stop() {
        onFxThread(timer::stop);
    }

    @Override
    public void present(ScreenFrame frame) {
        if (latest.getAndSet(Objects.requireNonNull(frame)) != null) {
            dropped.incrementAndGet();
        }
    }

    /** Empties the view at the next pulse (the camera went off, the call ended). */
    public void clear() {
        latest.set(CLEAR);
    }

    /**
     * Adds a listener told of each frame written into the view's image, on the JavaFX thread during the
     * pulse (the scene is painted later in that pulse). It must return quickly.
     */
    public void addFrameShownListener(FrameShownListener listener) {
        shownListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeFrameShownListener(FrameShownListener listener) {
        shownListeners.remove(listener);
    }

    @Override
    public long framesShown() {
        return shown.get();
    }

    @Override
    public long framesDropped() {
        return dropped.get();
    }

    private void showLatest() {
        ScreenFrame f = latest.getAndSet(null);
        if (f == null) {
            return;
        }
        if (f == CLEAR) {
            image = null;
            view.setImage(null);
            return;
        }
        if (image == null || (int) image.getWidth() != f.width() || (int) image.getHeight() != f.height()) {
            image = new WritableImage(f.width(), f.height());
            view.setImage(image);
        }
        // pixels are opaque, so premultiplied and straight alpha are the same bytes: the cheaper format
        image.getPixelWriter().setPixels(0, 0, f.width(), f.height(), PixelFormat.getIntArgbPreInstance(),
                f.argb(), 0, f.width());
        shown.incrementAndGet();
        if (!shownListeners.isEmpty()) {
            long now = System.nanoTime();
            for (FrameShownListener l : shownListeners) {
                l.frameShown(f.seq(), now);
            }
        }
    }

    private static void onFxThread(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Told when a frame's pixels have been handed to the {@link ImageView}. */
    @FunctionalInterface
    public interface FrameShownListener {

        /**
         * @param seq        the frame's stream sequence number ({@link ScreenFrame#seq()})
         * @param shownNanos {@link System#nanoTime()} right after its pixels were written into the view's image
         */
        void frameShown(long seq, long shownNanos);
    }
}
