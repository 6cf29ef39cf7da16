package com.waltalk.desktop;

/**
 * Entry point of the desktop app (the jar's and the installers' main class).
 *
 * <p>It is deliberately not a JavaFX {@code Application}: a plain main class lets the app start from a
 * class path without the JavaFX module path, and answers {@code --version} without a display.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--version") || arg.equals("-V")) {
                System.out.println("WalTalk " + version());
                return;
            }
        }
        System.err.println("WalTalk " + version() + ": the desktop UI is not built yet (issue 5)");
        System.exit(2);
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
