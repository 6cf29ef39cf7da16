package com.waltalk.desktop.video;

/**
 * The part of a source picture that fills a target size without distortion: the largest centred
 * rectangle with the target's aspect ratio ("cover"), which is then scaled to the target.
 *
 * @param x      left edge in the source
 * @param y      top edge in the source
 * @param width  width in the source (≥ 1)
 * @param height height in the source (≥ 1)
 */
public record CoverCrop(int x, int y, int width, int height) {

    /**
     * The crop of a {@code srcW}×{@code srcH} picture for a {@code dstW}×{@code dstH} target.
     *
     * @throws IllegalArgumentException when a size is not positive
     */
    public static CoverCrop of(int srcW, int srcH, int dstW, int dstH) {
        if (srcW <= 0 || srcH <= 0 || dstW <= 0 || dstH <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + srcW + "x" + srcH + " -> " + dstW + "x" + dstH);
        }
        // compare srcW/srcH with dstW/dstH without rounding: srcW*dstH vs dstW*srcH
        long wide = (long) srcW * dstH;
        long tall = (long) dstW * srcH;
        if (wide > tall) { // source is wider: full height, cut the sides
            int w = (int) Math.max(1, Math.round((double) srcH * dstW / dstH));
            return new CoverCrop((srcW - w) / 2, 0, w, srcH);
        }
        if (wide < tall) { // source is taller: full width, cut top and bottom
            int h = (int) Math.max(1, Math.round((double) srcW * dstH / dstW));
            return new CoverCrop(0, (srcH - h) / 2, srcW, h);
        }
        return new CoverCrop(0, 0, srcW, srcH);
    }
}
