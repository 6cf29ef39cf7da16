package com.waltalk.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * A stand-in for a webcam picture, for benchmarks: a soft scene (lit wall gradient, a window, a
 * face-sized oval, shelves) with per-pixel sensor noise. Real webcams add noise to every pixel, which is
 * what makes their JPEGs several times larger than a clean synthetic pattern's; {@code noise} is its
 * standard deviation in 8-bit levels (3 is typical of an indoor webcam).
 *
 * <p>Thread-safe: stateless.
 */
public final class CameraLikeImage {

    private CameraLikeImage() {
    }

    /** A {@code TYPE_INT_RGB} image; the same {@code seed} gives the same picture. */
    public static BufferedImage create(int width, int height, double noise, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(190, 180, 160), width, height, new Color(90, 85, 80)));
        g.fillRect(0, 0, width, height);
        g.setPaint(new GradientPaint(0, 0, new Color(235, 240, 250), 0, height / 2f, new Color(160, 190, 220)));
        g.fillRect(width * 3 / 5, height / 10, width / 3, height / 2);
        Random detail = new Random(seed ^ 0x5DEECE66DL);
        drawBookshelf(g, detail, width / 40, height / 10, width / 4, height * 7 / 10);
        drawFoliage(g, detail, width * 3 / 5, height / 2, width / 3, height / 3);
        g.setPaint(new GradientPaint(width / 3f, height / 4f, new Color(225, 185, 160),
                width * 2 / 3f, height * 3 / 4f, new Color(150, 110, 90)));
        g.fillOval(width / 3, height / 5, width / 4, height * 3 / 5);
        drawKnit(g, detail, width / 4, height * 4 / 5, width / 2, height / 5);
        g.dispose();
        if (noise > 0) {
            Random rnd = new Random(seed);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                img.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = row[x];
                    int r = clamp(((p >> 16) & 0xFF) + (int) Math.round(rnd.nextGaussian() * noise));
                    int gr = clamp(((p >> 8) & 0xFF) + (int) Math.round(rnd.nextGaussian() * noise));
                    int b = clamp((p & 0xFF) + (int) Math.round(rnd.nextGaussian() * noise));
                    row[x] = (r << 16) | (gr << 8) | b;
                }
                img.setRGB(0, y, width, 1, row, 0, width);
            }
        }
        return img;
    }

    /** Shelves of books: many small edges and colours, the kind of detail a room has behind a caller. */
    private static void drawBookshelf(Graphics2D g, Random rnd, int x0, int y0, int w, int h) {
        int shelves = 4;
        int shelfH = h / shelves;
        for (int s = 0; s < shelves; s++) {
            int y = y0 + s * shelfH;
            int x = x0;
            while (x < x0 + w) {
                int bw = 3 + rnd.nextInt(Math.max(1, w / 25));
                int bh = shelfH * 6 / 10 + rnd.nextInt(Math.max(1, shelfH * 3 / 10));
                g.setColor(new Color(40 + rnd.nextInt(180), 30 + rnd.nextInt(150), 20 + rnd.nextInt(140)));
                g.fillRect(x, y + shelfH - bh, bw, bh);
                x += bw + rnd.nextInt(2);
            }
            g.setColor(new Color(70, 50, 40));
            g.fillRect(x0, y + shelfH - 2, w, Math.max(2, h / 60));
        }
    }

    /** A plant in front of the window: overlapping leaves with soft edges. */
    private static void drawFoliage(Graphics2D g, Random rnd, int x0, int y0, int w, int h) {
        for (int i = 0; i < 250; i++) {
            int lw = 4 + rnd.nextInt(Math.max(1, w / 10));
            int lh = 3 + rnd.nextInt(Math.max(1, h / 10));
            g.setColor(new Color(20 + rnd.nextInt(60), 80 + rnd.nextInt(120), 20 + rnd.nextInt(60)));
            g.fillOval(x0 + rnd.nextInt(Math.max(1, w)), y0 + rnd.nextInt(Math.max(1, h)), lw, lh);
        }
    }

    /** A knitted sweater: a fine, irregular texture over the whole bottom of the picture. */
    private static void drawKnit(Graphics2D g, Random rnd, int x0, int y0, int w, int h) {
        g.setColor(new Color(40, 40, 60));
        g.fillRoundRect(x0, y0, w, h * 3, w / 5, w / 5);
        for (int y = y0 + 2; y < y0 + h; y += 3) {
            for (int x = x0 + 4; x < x0 + w - 4; x += 4) {
                int v = 50 + rnd.nextInt(40);
                g.setColor(new Color(v, v, v + 25));
                g.drawLine(x, y, x + 2, y + 2);
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
