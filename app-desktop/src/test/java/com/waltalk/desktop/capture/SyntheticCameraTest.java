package com.waltalk.desktop.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.sarxos.webcam.Webcam;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The synthetic camera through the real Webcam Capture API: discovery, modes, open, grab, close. */
class SyntheticCameraTest {

    @AfterEach
    void resetDriver() {
        Webcam.resetDriver();
    }

    @Test
    void isDiscoveredOpenedAndGrabbedThroughWebcamCapture() throws Exception {
        Webcam.setDriver(new SyntheticCameraDriver("alice"));
        List<Webcam> cams = Webcam.getWebcams(5, TimeUnit.SECONDS);
        assertThat(cams).extracting(Webcam::getName).containsExactly("WalTalk test pattern (alice)");

        Webcam cam = cams.get(0);
        assertThat(cam.getViewSizes()).contains(new Dimension(640, 360), new Dimension(640, 480));
        cam.setViewSize(new Dimension(640, 480));
        cam.getLock().disable();
        assertThat(cam.open()).isTrue();
        try {
            BufferedImage a = cam.getImage();
            Thread.sleep(200); // the ball moves ~1/20 of the width per 100 ms
            BufferedImage b = cam.getImage();
            assertThat(a.getWidth()).isEqualTo(640);
            assertThat(a.getHeight()).isEqualTo(480);
            assertThat(differingPixels(a, b)).as("picture moves between frames").isGreaterThan(500);
        } finally {
            cam.close();
        }
        assertThat(cam.getImage()).as("no frames from a closed camera").isNull();
    }

    @Test
    void twoLabelsDrawDifferentPictures() {
        SyntheticCameraDevice alice = new SyntheticCameraDriver("alice").device();
        SyntheticCameraDevice bob = new SyntheticCameraDriver("bob").device();
        alice.open();
        bob.open();
        // same frame number and nearly the same time; only the label (and at most the clock) differ
        BufferedImage a = alice.getImage();
        BufferedImage b = bob.getImage();
        int textTop = a.getHeight() - a.getHeight() / 7;
        int diffInTextBand = 0;
        for (int y = textTop; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth() / 4; x++) { // the label is at the left
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    diffInTextBand++;
                }
            }
        }
        assertThat(diffInTextBand).isGreaterThan(50);
    }

    @Test
    void refusesModesItDoesNotHave() {
        SyntheticCameraDevice d = new SyntheticCameraDriver("x").device();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.setResolution(new Dimension(641, 360)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("641x360");
    }

    static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }
}
