package com.waltalk.desktop;

import com.waltalk.desktop.settings.AppVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the desktop app (the jar's and the installers' main class).
 *
 * <p>It is deliberately not a JavaFX {@code Application}: a plain main class lets the app start from a
 * class path without the JavaFX module path, and answers {@code --version}, {@code --help} and
 * {@code --self-check} without a display.
 */
@Command(name = "waltalk-app", mixinStandardHelpOptions = true, versionProvider = Launcher.Version.class,
        description = "WalTalk desktop app: video calls through a WalTalk relay.",
        sortOptions = false)
public final class Launcher implements Callable<Integer> {

    @Option(names = "--demo", description = "Start a relay on this computer and open two windows signed in as "
            + "two demo users with synthetic cameras; call one from the other.")
    boolean demo;

    @Option(names = "--host", description = "Host on this computer: start the bundled relay (with its embedded "
            + "PostgreSQL) inside the app, reachable from other computers on the network.")
    boolean host;

    @Option(names = "--relay", paramLabel = "URI", description = "Relay address to sign in to, e.g. "
            + "wss://relay.example.org:8787 or ws://192.168.1.20:8787 (overrides the saved one).")
    String relay;

    @Option(names = "--user", paramLabel = "NAME", description = "User name to prefill.")
    String user;

    @Option(names = "--config-dir", paramLabel = "DIR", description = "Where settings are kept "
            + "(default: ~/.config/waltalk, ~/Library/Application Support/WalTalk or %%APPDATA%%\\WalTalk).")
    Path configDir;

    @Option(names = "--self-check", description = "Check that the runtime works (JavaFX, sound, WebSocket "
            + "client, codecs) without opening a window, print ok and exit.")
    boolean selfCheck;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new Launcher()).execute(args);
        if (code != 0 || !WalTalkApp.isRunningOrRan()) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() {
        if (selfCheck) {
            return SelfCheck.run(System.out) ? 0 : 1;
        }
        LaunchOptions options = new LaunchOptions(demo, host, relayUri(), user, configDir);
        WalTalkApp.launchWith(options);
        return 0;
    }

    private URI relayUri() {
        if (relay == null) {
            return null;
        }
        try {
            URI uri = new URI(relay.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))
                    || uri.getHost() == null) {
                throw new ParameterException(spec.commandLine(),
                        "--relay must look like ws://host:port or wss://host:port, got: " + relay);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--relay is not a valid address: " + relay);
        }
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        return AppVersion.current();
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"WalTalk " + version()};
        }
    }
}
