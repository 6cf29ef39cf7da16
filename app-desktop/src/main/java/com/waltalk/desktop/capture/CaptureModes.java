package com.waltalk.desktop.capture;

import java.awt.Dimension;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses the camera mode to open for a wanted frame size.
 *
 * <p>The exact size when offered; otherwise the smallest mode that covers it in both directions (so the
 * picture is only ever scaled down and cropped, never blown up), with the aspect ratio closest to the
 * wanted one breaking ties; when no mode is large enough, the largest one.
 *
 * <p>Thread-safe: stateless.
 */
public final class CaptureModes {

    private CaptureModes() {
    }

    /** The mode to open, or empty when the camera offers none. */
    public static Optional<Dimension> nearest(Dimension[] offered, Dimension wanted) {
        if (offered == null || offered.length == 0) {
            return Optional.empty();
        }
        double wantedAspect = wanted.getWidth() / wanted.getHeight();
        Comparator<Dimension> byAspect = Comparator.comparingDouble(
                d -> Math.abs(Math.log((d.getWidth() / d.getHeight()) / wantedAspect)));
        Comparator<Dimension> byArea = Comparator.comparingLong(d -> (long) d.width * d.height);
        Optional<Dimension> covering = Stream.of(offered)
                .filter(d -> d.width >= wanted.width && d.height >= wanted.height)
                .min(byArea.thenComparing(byAspect));
        if (covering.isPresent()) {
            return covering.map(Dimension::new);
        }
        return Stream.of(offered).filter(d -> d.width > 0 && d.height > 0)
                .max(byArea.thenComparing(byAspect.reversed())).map(Dimension::new);
    }
}
