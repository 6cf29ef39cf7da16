package com.waltalk.desktop.video;

import com.waltalk.testing.CameraLikeImage;
import java.awt.image.BufferedImage;

final class TestImages {
    private TestImages() {
    }

    static BufferedImage cameraLike(int w, int h, long seed) {
        return CameraLikeImage.create(w, h, 6, seed);
    }
}
