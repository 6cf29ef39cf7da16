package com.waltalk.desktop;

import com.waltalk.desktop.host.HostService;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.settings.ConfigDirectory;
import com.waltalk.desktop.settings.PersistentSettings;
import com.waltalk.desktop.settings.SettingsStore;
import com.waltalk.desktop.ui.common.DesktopNotifier;
import com.waltalk.desktop.ui.shell.MainWindow;
import com.waltalk.desktop.ui.shell.WindowContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one window with persisted settings, or the two demo windows. Started by
 * {@link Launcher}; owns the app-wide services (hosted relay, notifier) and stops them on exit.
 */
public final class WalTalkApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(WalTalkApp.class);
    private static volatile LaunchOptions options = LaunchOptions.DEFAULT;
    private static volatile boolean launched;

    private final List<MainWindow> windows = new ArrayList<>();
    private final List<AutoCloseable> services = new ArrayList<>();

    /** Runs the app with {@code o}; returns when the last window has closed. */
    static void launchWith(LaunchOptions o) {
        options = Objects.requireNonNull(o);
        launched = true;
        Application.launch(WalTalkApp.class);
    }

    static boolean isRunningOrRan() {
        return launched;
    }

    @Override
    public void start(Stage primary) {
        LaunchOptions o = options;
        Path config = o.configDir() != null ? o.configDir() : ConfigDirectory.forCurrentUser();
        Path data = o.configDir() != null ? o.configDir().resolve("data") : ConfigDirectory.dataForCurrentUser();
        DesktopNotifier notifier = new DesktopNotifier();
        services.add(notifier);
        MediaWiring media = o.demo() ? MediaWiring.synthetic() : MediaWiring.create();
        services.add(media);
        if (o.demo()) {
            DemoMode demo = new DemoMode(data.resolve("demo-relay"), notifier, media);
            services.add(demo);
            demo.start(primary);
            return;
        }
        HostService host = new HostService(data.resolve("relay"));
        services.add(host);
        PersistentSettings persistent = new PersistentSettings(new SettingsStore(config));
        services.add(persistent);
        AppSettings settings = persistent.settings();
        applyOverrides(settings, o);
        SessionModel model = SessionModel.create();
        MainWindow window = new MainWindow(primary,
                new WindowContext(settings, model, media.devices(settings), s -> media.hooksFor(s, settings), host, notifier));
        windows.add(window);
        window.show();
        if (o.host()) {
            window.openHost();
        }
        LOG.info("WalTalk {} started; settings in {}", Launcher.version(), persistent.store().file());
    }

    /** Command-line values replace the saved ones; a saved token only fits the saved relay and user. */
    static void applyOverrides(AppSettings settings, LaunchOptions o) {
        if (o.relay() != null && !o.relay().toString().equals(settings.relayUriProperty().get())) {
            settings.relayUriProperty().set(o.relay().toString());
            settings.tokenProperty().set(null);
        }
        if (o.user() != null && !o.user().equals(settings.userProperty().get())) {
            settings.userProperty().set(o.user());
            settings.tokenProperty().set(null);
        }
    }

    @Override
    public void stop() {
        windows.forEach(MainWindow::close);
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (Exception e) {
                LOG.warn("Error while stopping: {}", e.toString());
            }
        }
        Platform.exit();
    }
}
