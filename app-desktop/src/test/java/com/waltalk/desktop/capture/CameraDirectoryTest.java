package com.waltalk.desktop.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import com.github.sarxos.webcam.ds.buildin.WebcamDefaultDriver;
import java.awt.Dimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Camera listing, selection by name and every fallback to the synthetic camera, with the user's message. */
class CameraDirectoryTest {

    @AfterEach
    void resetDriver() {
        Webcam.resetDriver();
    }

    private static CameraDirectory withoutNative(String label) {
        return CameraDirectory.install(new CameraDriver(null, Optional.empty(), new SyntheticCameraDriver(label),
                CameraDriver.Timeouts.DEFAULT));
    }

    @Test
    void noRealCameraListsTheSyntheticOneAndSaysSo() {
        CameraList list = withoutNative("me").list();
        assertThat(list.names()).containsExactly("WalTalk test pattern (me)");
        assertThat(list.hasRealCamera()).isFalse();
        assertThat(list.notice()).contains(CameraDirectory.NO_CAMERA);
    }

    @Test
    void opensTheSyntheticCameraByNameAtTheStreamSizeWithoutANotice() {
        try (OpenedCamera cam = withoutNative("me").open("WalTalk test pattern (me)")) {
            assertThat(cam.isSynthetic()).isTrue();
            assertThat(cam.mode()).isEqualTo(new Dimension(640, 360));
            assertThat(cam.notice()).isEmpty();
            assertThat(cam.grab().getWidth()).isEqualTo(640);
        }
    }

    @Test
    void anUnknownNameFallsBackToTheTestPatternAndSaysWhich() {
        try (OpenedCamera cam = withoutNative("me").open("Logitech C920")) {
            assertThat(cam.isSynthetic()).isTrue();
            assertThat(cam.notice()).hasValueSatisfying(n -> assertThat(n).contains("'Logitech C920' is not connected"));
            assertThat(cam.grab()).isNotNull();
        }
    }

    @Test
    void theDefaultCameraWithoutARealOneIsTheTestPatternWithTheReason() {
        try (OpenedCamera cam = withoutNative("me").open(null)) {
            assertThat(cam.isSynthetic()).isTrue();
            assertThat(cam.notice()).contains(CameraDirectory.NO_CAMERA);
        }
    }

    @Test
    void webcamCapturesOwnDriverOnThisMachineNeitherHangsNorCrashes() {
        // The real built-in driver: here (no libv4l, no camera) it fails to load its native grabber;
        // with libv4l and no camera it finds nothing. Either way: synthetic camera, a reason, quickly.
        long t0 = System.nanoTime();
        CameraDirectory cameras = CameraDirectory.install(new CameraDriver(WebcamDefaultDriver::new, Optional.empty(),
                new SyntheticCameraDriver("me"), CameraDriver.Timeouts.DEFAULT));
        CameraList list = cameras.list();
        assumeTrue(!list.hasRealCamera(), "this machine has a camera");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
        assertThat(list.names()).containsExactly("WalTalk test pattern (me)");
        assertThat(list.notice()).isPresent();
        try (OpenedCamera cam = cameras.open(null)) {
            assertThat(cam.isSynthetic()).isTrue();
            assertThat(cam.grab()).isNotNull();
        }
    }

    @Test
    void onThisMachineTheNoticeNamesThePackageToInstall() {
        assumeTrue(NativeCameraLibrary.missingLibrary().isPresent(), "libv4l is installed here");
        CameraList list = CameraDirectory.install(CameraDriver.forThisSystem("me")).list();
        assertThat(list.notice()).hasValueSatisfying(n -> assertThat(n).contains("sudo apt install libv4l-0"));
    }

    @Test
    void aHangingNativeDriverTimesOutAndLeavesTheTestPattern() {
        WebcamDriver hanging = new WebcamDriver() {
            @Override
            public List<WebcamDevice> getDevices() {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public boolean isThreadSafe() {
                return false;
            }
        };
        long t0 = System.nanoTime();
        CameraDirectory cameras = CameraDirectory.install(new CameraDriver(() -> hanging, Optional.empty(),
                new SyntheticCameraDriver("me"), new CameraDriver.Timeouts(Duration.ofMillis(300),
                Duration.ofSeconds(1), Duration.ofSeconds(1))));
        CameraList list = cameras.list();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(list.names()).containsExactly("WalTalk test pattern (me)");
        assertThat(list.notice()).hasValueSatisfying(n -> assertThat(n).contains("did not answer within"));
    }

    @Test
    void libv4lIsLookedForOnLinuxOnly(@TempDir Path dir) throws Exception {
        assertThat(NativeCameraLibrary.missingLibrary("Linux", List.of(dir)))
                .hasValueSatisfying(m -> assertThat(m).contains("libv4l2.so.0").contains("sudo apt install libv4l-0"));
        Files.createFile(dir.resolve("libv4l2.so.0"));
        assertThat(NativeCameraLibrary.missingLibrary("Linux", List.of(dir))).isEmpty();
        assertThat(NativeCameraLibrary.missingLibrary("Windows 11", List.of())).isEmpty();
    }

    @Test
    void captureModeIsTheSmallestThatCoversTheStreamSize() {
        Dimension want = new Dimension(640, 360);
        assertThat(CaptureModes.nearest(dims(320, 240, 640, 360, 1280, 720), want)).contains(new Dimension(640, 360));
        assertThat(CaptureModes.nearest(dims(320, 240, 640, 480, 1280, 720), want)).contains(new Dimension(640, 480));
        assertThat(CaptureModes.nearest(dims(1920, 1080, 1280, 720, 800, 600), want)).contains(new Dimension(800, 600));
        assertThat(CaptureModes.nearest(dims(176, 144, 320, 240), want)).contains(new Dimension(320, 240));
        // same area: the aspect closer to 16:9 wins
        assertThat(CaptureModes.nearest(dims(720, 540, 810, 480), want)).contains(new Dimension(810, 480));
        assertThat(CaptureModes.nearest(new Dimension[0], want)).isEmpty();
    }

    private static Dimension[] dims(int... wh) {
        Dimension[] d = new Dimension[wh.length / 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = new Dimension(wh[2 * i], wh[2 * i + 1]);
        }
        return d;
    }
}
