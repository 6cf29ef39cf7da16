package com.waltalk.desktop;

import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.host.HostService;
import com.waltalk.desktop.host.HostedRelay;
import com.waltalk.desktop.session.ContactHandshake;
import com.waltalk.desktop.session.Credentials;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.common.DesktopNotifier;
import com.waltalk.desktop.ui.common.FailureText;
import com.waltalk.desktop.ui.common.Theme;
import com.waltalk.desktop.ui.shell.MainWindow;
import com.waltalk.desktop.ui.shell.WindowContext;
import com.waltalk.relay.config.RelaySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: starts the bundled relay on this computer and opens two windows side by side, signed in
 * as {@code alice} and {@code bob} with synthetic cameras, so a newcomer sees a call within a minute
 * without a webcam or a second computer. Settings of demo windows live in memory only. Once both are signed
 * in, they are made contacts of each other over the protocol (alice asks, bob accepts; nothing is sent when
 * they are contacts from an earlier run), as a relay lets only contacts call each other.
 *
 * <p>Use on the JavaFX thread.
 */
final class DemoMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    static final String PASSWORD = "demo-password";
    static final List<String> USERS = List.of("alice", "bob");

    private final HostService host;
    private final DesktopNotifier notifier;
    private final MediaWiring media;
    private final List<MainWindow> windows = new ArrayList<>();

    DemoMode(Path dataDir, DesktopNotifier notifier, MediaWiring media) {
        this.host = new HostService(dataDir, "127.0.0.1", 0, RelaySettings.Timeouts.DEFAULT);
        this.notifier = notifier;
        this.media = media;
    }

    void start(Stage primary) {
        Label text = new Label("Starting the demo relay and its database…");
        text.getStyleClass().add("subtitle");
        Label sub = new Label("The first start takes a little longer: PostgreSQL initialises its data.");
        sub.getStyleClass().add("muted");
        VBox box = new VBox(16, new ProgressIndicator(), text, sub);
        box.setAlignment(Pos.CENTER);
        Scene splash = new Scene(box, 560, 300);
        splash.getStylesheets().add(Theme.STYLESHEET);
        primary.setScene(splash);
        primary.setTitle("WalTalk demo");
        primary.show();
        host.start().whenComplete((relay, error) -> Platform.runLater(() -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                text.setText("The demo relay could not start.");
                sub.setText(String.valueOf(cause.getMessage()));
                LOG.error("Demo relay failed to start", cause);
                return;
            }
            open(primary, relay);
        }));
    }

    /** How long the demo waits for alice and bob to become contacts before it says so. */
    private static final long CONTACTS_TIMEOUT_MILLIS = 20_000;

    private void open(Stage primary, HostedRelay relay) {
        List<CompletableFuture<SessionModel>> signedIn = new ArrayList<>();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.max(MainWindow.MIN_WIDTH, Math.min(960, screen.getWidth() / 2 - 12));
        double h = Math.max(MainWindow.MIN_HEIGHT, Math.min(680, screen.getHeight() - 40));
        for (int i = 0; i < USERS.size(); i++) {
            String user = USERS.get(i);
            Stage stage = i == 0 ? primary : new Stage();
            AppSettings settings = new AppSettings();
            settings.relayUriProperty().set(relay.localUri());
            settings.userProperty().set(user);
            settings.autoSignInProperty().set(false);
            settings.ringtoneProperty().set(i == 0); // one ringing window is enough on one computer
            SessionModel model = SessionModel.create();
            MainWindow window = new MainWindow(stage, new WindowContext(settings, model,
                    media.demoDevices(user), s -> media.demoHooksFor(s, user), null, notifier));
            windows.add(window);
            stage.setWidth(w);
            stage.setHeight(h);
            stage.setX(screen.getMinX() + 8 + i * (w + 8));
            stage.setY(screen.getMinY() + 20);
            window.show();
            window.signInView().busyProperty().set(true);
            CompletableFuture<Credentials> signIn = registerOrSignIn(model, RelayEndpoint.of(relay.localUri()), user);
            signedIn.add(signIn.thenApply(c -> model));
            signIn.whenComplete((c, e) ->
                    Platform.runLater(() -> {
                        window.signInView().busyProperty().set(false);
                        if (e == null) {
                            // two windows on one computer share its microphone and speaker: start muted so
                            // they do not feed each other's sound back (unmute one with M)
                            model.setMuted(true);
                        } else {
                            window.signInView().errorProperty().set(
                                    FailureText.forSignIn(FailureText.unwrap(e), relay.localUri()));
                        }
                    }));
        }
        signedIn.get(0).thenCombine(signedIn.get(1), (alice, bob) -> ContactHandshake.connect(alice, bob,
                CONTACTS_TIMEOUT_MILLIS)).thenCompose(f -> f).whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warn("Demo: alice and bob did not become contacts: {}", e.toString());
                        Platform.runLater(() -> windows.get(0).toasts().show("Demo", "alice and bob could not be "
                                + "made contacts. Add bob by name in alice's window, then accept in bob's."));
                    }
                });
        windows.get(0).toasts().show("Welcome to the WalTalk demo",
                "Both windows run on this computer through a real relay. Pick bob and press Call, then "
                        + "accept in bob's window. Microphones start muted to avoid echo: press M to unmute.");
    }

    /** Registers {@code user} with the demo password, or signs in if the account exists from an earlier run. */
    static CompletableFuture<Credentials> registerOrSignIn(SessionModel model, RelayEndpoint relay, String user) {
        return model.register(relay, user, PASSWORD).exceptionallyCompose(e -> {
            var f = FailureText.unwrap(e);
            if (f.kind() == FailureKind.USER_EXISTS) {
                return model.signIn(relay, user, PASSWORD);
            }
            return CompletableFuture.failedFuture(new FailureException(f));
        });
    }

    /** The demo windows (alice's, then bob's), once open. */
    List<MainWindow> windows() {
        return List.copyOf(windows);
    }

    @Override
    public void close() {
        windows.forEach(MainWindow::close);
        host.close();
    }
}
