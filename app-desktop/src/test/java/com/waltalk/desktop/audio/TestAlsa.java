package com.waltalk.desktop.audio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ALSA file-plugin device the surefire fork is configured with (app-desktop/pom.xml,
 * src/test/alsa/asound.conf): what Java Sound plays lands in {@link #playbackFile()}, what it captures
 * comes from {@link #captureFile()}.
 */
public final class TestAlsa {

    private TestAlsa() {
    }

    /** Skips (with the reason) outside the Maven build, so an IDE run never uses a real sound card. */
    public static void assumeConfigured() {
        assumeTrue(System.getenv("ALSA_CONFIG_PATH") != null && System.getenv("WALTALK_ALSA_PLAYBACK_FILE") != null,
                "needs the test ALSA configuration from app-desktop/pom.xml (run through Maven)");
    }

    public static Path playbackFile() throws IOException {
        Path p = Path.of(System.getenv("WALTALK_ALSA_PLAYBACK_FILE"));
        Files.createDirectories(p.getParent());
        return p;
    }

    public static Path captureFile() throws IOException {
        Path p = Path.of(System.getenv("WALTALK_ALSA_CAPTURE_FILE"));
        Files.createDirectories(p.getParent());
        return p;
    }
}
