package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.sarxos.webcam.Webcam;
import com.waltalk.desktop.capture.CameraDirectory;
import com.waltalk.desktop.capture.CameraDriver;
import com.waltalk.desktop.capture.SyntheticCameraDriver;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real JavaFX windows (headless Monocle, software renderer): the synthetic camera through the whole
 * pipeline — capture, crop, JPEG encode, decode, render — into an ImageView whose rendered pixels move,
 * and the local preview from the same capture in a second ImageView.
 */
@ExtendWith(ApplicationExtension.class)
class VideoRendererFxIT {

    private ImageView remoteView;
    private ImageView selfView;
    private VideoSender sender;
    private VideoReceiver receiver;

    @Start
    void start(Stage stage) {
        remoteView = new ImageView();
        selfView = new ImageView();
        selfView.setFitWidth(160);
        selfView.setPreserveRatio(true);
        stage.setScene(new Scene(new HBox(remoteView, selfView), 820, 380));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        Webcam.resetDriver();
    }

    @Test
    void remoteViewShowsTheMovingPictureAndTheSelfViewTheSameCapture() throws Exception {
        CameraDirectory cameras = CameraDirectory.install(new CameraDriver(null, Optional.empty(),
                new SyntheticCameraDriver("fx"), CameraDriver.Timeouts.DEFAULT));
        VideoRenderer remote = new VideoRenderer(remoteView);
        VideoRenderer self = new VideoRenderer(selfView);
        remote.start();
        self.start();
        receiver = new VideoReceiver(remote, "peer");
        sender = new VideoSender(cameras.open(SyntheticCameraDriver.nameFor("fx")));
        sender.addPreview(self::present);
        sender.setSink(receiver::offer);
        sender.start();

        waitUntil(() -> remote.framesShown() >= 3 && self.framesShown() >= 3, 5_000);
        WritableImage first = snapshot(remoteView);
        Thread.sleep(500); // the ball moves an eighth of the width in 0.5 s
        WritableImage second = snapshot(remoteView);

        assertThat((int) first.getWidth()).isEqualTo(640);
        assertThat((int) first.getHeight()).isEqualTo(360);
        assertThat(distinctColours(first)).as("a picture, not a blank view").isGreaterThan(20);
        assertThat(changedPixels(first, second)).as("rendered pixels change as the picture moves")
                .isGreaterThan(1_000);

        WritableImage selfPixels = snapshot(selfView);
        assertThat((int) selfPixels.getWidth()).isEqualTo(160);
        assertThat(distinctColours(selfPixels)).isGreaterThan(20);
        IncomingVideoStats in = receiver.stats();
        assertThat(in.corrupt()).isZero();
        assertThat(in.framesShown()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aBurstBetweenPulsesShowsOnlyTheNewestFrame() throws Exception {
        VideoRenderer renderer = new VideoRenderer(remoteView);
        for (int i = 0; i < 10; i++) { // the timer is not running: nothing is shown yet
            int[] px = new int[4 * 4];
            java.util.Arrays.fill(px, 0xFF000000 | (i * 20) << 16);
            renderer.present(new ScreenFrame(i, 4, 4, px));
        }
        renderer.start();
        waitUntil(() -> renderer.framesShown() == 1, 2_000);
        Thread.sleep(100); // several more pulses: nothing new to show
        assertThat(renderer.framesShown()).isEqualTo(1);
        assertThat(renderer.framesDropped()).isEqualTo(9);
        Image shown = CompletableFuture.supplyAsync(remoteView::getImage, Platform::runLater).get(2, TimeUnit.SECONDS);
        assertThat(shown.getPixelReader().getArgb(1, 1)).isEqualTo(0xFF000000 | (9 * 20) << 16);
        renderer.stop();
    }

    @Test
    void frameShownListenersHearEachShownFrameOnTheFxThreadAfterItsPixelsAreInTheView() throws Exception {
        VideoRenderer renderer = new VideoRenderer(remoteView);
        java.util.List<long[]> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Boolean> onFxThread = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Integer> pixelWhenHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
        renderer.addFrameShownListener((seq, nanos) -> {
            heard.add(new long[] {seq, nanos});
            onFxThread.add(Platform.isFxApplicationThread());
            pixelWhenHeard.add(remoteView.getImage().getPixelReader().getArgb(0, 0));
        });
        VideoRenderer.FrameShownListener removed = (seq, nanos) -> heard.add(new long[] {-99, nanos});
        renderer.addFrameShownListener(removed);
        renderer.removeFrameShownListener(removed);
        renderer.start();
        long before = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            int[] px = new int[4 * 4];
            java.util.Arrays.fill(px, 0xFF000000 | (i + 1) * 60);
            renderer.present(new ScreenFrame(100 + i, 4, 4, px));
            long shownBefore = renderer.framesShown();
            waitUntil(() -> renderer.framesShown() > shownBefore, 2_000);
        }
        renderer.stop();

        assertThat(heard).extracting(h -> h[0]).containsExactly(100L, 101L, 102L);
        assertThat(heard).extracting(h -> h[1]).allSatisfy(n -> assertThat(n).isGreaterThan(before))
                .isSorted();
        assertThat(onFxThread).containsOnly(true);
        assertThat(pixelWhenHeard).containsExactly(0xFF000000 | 60, 0xFF000000 | 120, 0xFF000000 | 180);
        assertThat(heard).hasSize((int) renderer.framesShown());
    }

    private static WritableImage snapshot(ImageView view) throws Exception {
        return CompletableFuture.supplyAsync(() -> view.snapshot(null, null), Platform::runLater)
                .get(5, TimeUnit.SECONDS);
    }

    private static int changedPixels(Image a, Image b) {
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        int n = 0;
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int distinctColours(Image img) {
        PixelReader r = img.getPixelReader();
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < (int) img.getHeight(); y += 4) {
            for (int x = 0; x < (int) img.getWidth(); x += 4) {
                colours.add(r.getArgb(x, y));
            }
        }
        return colours.size();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long millis) throws Exception {
        WaitForAsyncUtils.waitFor(millis, TimeUnit.MILLISECONDS, condition::getAsBoolean);
    }
}
