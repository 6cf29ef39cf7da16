package com.waltalk.desktop.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/** Saves what a scene shows as a PNG (software-rendered, headless). Call on any thread. */
final class Snapshots {

    private Snapshots() {
    }

    static void save(Scene scene, Path file) throws Exception {
        Image img = TestWindow.fx(() -> scene.snapshot(null));
        write(img, file);
    }

    static void save(Node node, Path file) throws Exception {
        Image img = TestWindow.fx(() -> node.snapshot(null, null));
        write(img, file);
    }

    static void write(Image img, Path file) throws Exception {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
    }

    /** A cheap fingerprint of an image's pixels (to see that video moves). */
    static long fingerprint(Image img) {
        if (img == null) {
            return 0;
        }
        PixelReader r = img.getPixelReader();
        long h = 1125899906842597L;
        int w = (int) img.getWidth();
        int ht = (int) img.getHeight();
        for (int y = 0; y < ht; y += 7) {
            for (int x = 0; x < w; x += 7) {
                h = 31 * h + r.getArgb(x, y);
            }
        }
        return h;
    }
}
