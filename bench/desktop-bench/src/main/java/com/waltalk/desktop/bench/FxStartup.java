package com.waltalk.desktop.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit for a benchmark: headless on Monocle with the software renderer (the way the
 * tests run, see app-desktop/pom.xml) when Monocle is on the class path and there is no display, else
 * the default platform. Already running (inside the test JVM) is fine.
 *
 * <p>Thread-safe: {@link #start} is synchronized.
 */
final class FxStartup {

    private static final String MONOCLE_HEADLESS = "com.sun.glass.ui.monocle.HeadlessPlatformFactory";

    private FxStartup() {
    }

    /** @return which glass platform and renderer are used */
    static synchronized String start() throws InterruptedException {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null && monocleAvailable()) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
        }
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("JavaFX did not start within 30 s");
            }
        } catch (IllegalStateException alreadyRunning) {
            if (!alreadyRunning.getMessage().contains("already")) {
                throw alreadyRunning;
            }
        } catch (UnsupportedOperationException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("JavaFX cannot start here (" + e.getMessage() + "). Without a display, run "
                    + "with Monocle on the class path (the documented ./mvnw exec:exec@desktop-bench command does) "
                    + "or under xvfb-run.", e);
        }
        Platform.setImplicitExit(false);
        return "JavaFX " + System.getProperty("javafx.runtime.version", "?") + ", glass platform "
                + System.getProperty("glass.platform", "default")
                + (System.getProperty("monocle.platform") == null ? "" : "/" + System.getProperty("monocle.platform"))
                + ", prism " + System.getProperty("prism.order", "default");
    }

    private static boolean monocleAvailable() {
        try {
            Class.forName(MONOCLE_HEADLESS, false, FxStartup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
