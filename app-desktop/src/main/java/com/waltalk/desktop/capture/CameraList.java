package com.waltalk.desktop.capture;

import java.util.List;
import java.util.Optional;

/**
 * The cameras the settings screen offers, in driver order (real cameras first, the synthetic camera last),
 * and a sentence for the user when no real camera can be used.
 *
 * @param names  camera names, never empty (the synthetic camera is always there)
 * @param notice e.g. "No camera found …" or the libv4l install hint; empty when a real camera exists
 */
public record CameraList(List<String> names, Optional<String> notice) {
    public CameraList {
        names = List.copyOf(names);
    }

    /** Whether any real camera was found. */
    public boolean hasRealCamera() {
        return names.stream().anyMatch(n -> !SyntheticCameraDriver.isSynthetic(n));
    }
}
