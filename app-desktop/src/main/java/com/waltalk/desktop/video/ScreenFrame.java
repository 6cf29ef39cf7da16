package com.waltalk.desktop.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Objects;

/**
 * A picture ready for the screen: opaque ARGB pixels, row by row, in the layout JavaFX's
 * {@code PixelFormat.getIntArgbInstance()} writes without conversion.
 *
 * <p>Immutable by convention: the producer hands over the array and never touches it again.
 *
 * @param seq    the stream sequence number it came from (the local preview counts its own)
 * @param width  pixels
 * @param height pixels
 * @param argb   {@code width * height} pixels, alpha 0xFF
 */
public record ScreenFrame(long seq, int width, int height, int[] argb) {

    public ScreenFrame {
        Objects.requireNonNull(argb, "argb");
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("bad frame " + width + "x" + height + " with " + argb.length + " pixels");
        }
    }

    /**
     * The screen frame of a {@code TYPE_INT_RGB} image (what {@link FrameFormatter} and
     * {@link JpegDecoder} produce); other types go through {@code getRGB}, which is slower.
     * If {@code adopt} is true and the image is {@code TYPE_INT_RGB}, its pixel array is reused in place
     * (the caller must not use the image afterwards).
     */
    public static ScreenFrame fromRgb(long seq, BufferedImage image, boolean adopt) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] px;
        int[] data = image.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData() : null;
        if (data != null && data.length == w * h) { // a whole image, not a sub-image of a larger raster
            px = adopt ? data : data.clone();
            for (int i = 0; i < px.length; i++) {
                px[i] |= 0xFF000000;
            }
        } else {
            px = image.getRGB(0, 0, w, h, null, 0, w);
        }
        return new ScreenFrame(seq, w, h, px);
    }
}
