package com.waltalk.desktop.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Brings a camera picture to the stream size: cover-crop (keep aspect, cut the overflow, centred),
 * then scale with bilinear filtering, into a new {@code TYPE_INT_RGB} image — the layout both the JPEG
 * encoder and the screen path ({@link ScreenFrame#fromRgb}) read without conversion.
 *
 * <p>Thread-safe: immutable; every call returns a new image the caller owns.
 */
public final class FrameFormatter {

    private final int width;
    private final int height;

    public FrameFormatter(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The stream-size picture for {@code source}. */
    public BufferedImage format(BufferedImage source) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        CoverCrop c = CoverCrop.of(source.getWidth(), source.getHeight(), width, height);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, width, height, c.x(), c.y(), c.x() + c.width(), c.y() + c.height(), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
