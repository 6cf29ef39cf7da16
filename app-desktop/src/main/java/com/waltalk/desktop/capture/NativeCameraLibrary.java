package com.waltalk.desktop.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether Webcam Capture's built-in driver can load its native grabber here.
 *
 * <p>On Linux the bundled {@code OpenIMAJGrabber.so} links against {@code libv4l2.so.0} (Debian/Ubuntu
 * package {@code libv4l-0}). Without it, discovery fails after ~350 ms with a {@code WebcamException}
 * and BridJ prints a dozen {@code dlopen error} lines to stderr (measured here, D17), so we check for
 * the file first and do not start the native driver at all when it is missing.
 *
 * <p>Thread-safe: stateless.
 */
public final class NativeCameraLibrary {

    /** The library the Linux grabber needs. */
    public static final String LINUX_LIBRARY = "libv4l2.so.0";
    /** What to tell a Linux user who lacks it. */
    public static final String LINUX_INSTALL_HINT = "sudo apt install libv4l-0";

    private static final List<String> LINUX_LIBRARY_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib");

    private NativeCameraLibrary() {
    }

    /**
     * Why the native driver cannot work on this system, or empty when it may.
     *
     * @param osName    {@code os.name}
     * @param searchDirs extra directories to look in first (e.g. {@code LD_LIBRARY_PATH})
     */
    public static Optional<String> missingLibrary(String osName, List<Path> searchDirs) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty(); // Windows and macOS grabbers use system frameworks only
        }
        for (Path dir : searchDirs) {
            if (Files.exists(dir.resolve(LINUX_LIBRARY))) {
                return Optional.empty();
            }
        }
        return Optional.of("The camera library libv4l is not installed (" + LINUX_LIBRARY + " not found). "
                + "Install it with: " + LINUX_INSTALL_HINT);
    }

    /** {@link #missingLibrary(String, List)} for this JVM: its OS, LD_LIBRARY_PATH and the usual directories. */
    public static Optional<String> missingLibrary() {
        List<Path> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        LINUX_LIBRARY_DIRS.forEach(d -> dirs.add(Path.of(d)));
        return missingLibrary(System.getProperty("os.name", ""), dirs);
    }
}
