package com.waltalk.desktop.settings;

/**
 * Which build of the app this is: the {@code Implementation-Version} of the app jar's manifest (written
 * by the build), or {@code "dev"} when the app runs from classes. Here rather than next to the launcher so
 * that the screens (the About box) can show it without depending on the app's entry point.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class AppVersion {

    private AppVersion() {
    }

    /** The version, e.g. {@code "0.1.0-SNAPSHOT"}, or {@code "dev"}. */
    public static String current() {
        // the manifest's main section applies to every package of the jar, so this class's package has it
        String v = AppVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
