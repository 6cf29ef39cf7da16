package com.waltalk.desktop.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where WalTalk keeps its per-user files, following each platform's convention:
 * {@code $XDG_CONFIG_HOME/waltalk} (default {@code ~/.config/waltalk}) on Linux,
 * {@code ~/Library/Application Support/WalTalk} on macOS, {@code %APPDATA%\WalTalk} on Windows.
 *
 * <p>Data (the embedded relay's database when hosting) lives beside it: {@code $XDG_DATA_HOME/waltalk}
 * on Linux, the same folder as the configuration elsewhere. Stateless; thread-safe.
 */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    /** The configuration directory of the current user on this platform. */
    public static Path forCurrentUser() {
        return resolve(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** The data directory of the current user on this platform. */
    public static Path dataForCurrentUser() {
        return resolveData(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    static Path resolve(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData == null || appData.isBlank() ? Path.of(home, "AppData", "Roaming") : Path.of(appData);
            return base.resolve("WalTalk");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "WalTalk");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute() ? Path.of(home, ".config") : Path.of(xdg);
        return base.resolve("waltalk");
    }

    static Path resolveData(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return resolve(osName, home, env);
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute()
                ? Path.of(home, ".local", "share") : Path.of(xdg);
        return base.resolve("waltalk");
    }
}
