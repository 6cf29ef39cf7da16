package com.waltalk.desktop.ui.shell;

import com.waltalk.desktop.session.ConnectionState;
import com.waltalk.desktop.session.ConnectionStatus;
import com.waltalk.desktop.settings.AppVersion;
import com.waltalk.desktop.settings.ThemeChoice;
import com.waltalk.desktop.ui.call.CallController;
import com.waltalk.desktop.ui.call.CallMediaHooks;
import com.waltalk.desktop.ui.call.CallScreen;
import com.waltalk.desktop.ui.common.FailureText;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.Theme;
import com.waltalk.desktop.ui.common.Toasts;
import com.waltalk.desktop.ui.contacts.ContactNotices;
import com.waltalk.desktop.ui.contacts.HomeView;
import com.waltalk.desktop.ui.host.HostView;
import com.waltalk.desktop.ui.settings.SettingsView;
import com.waltalk.desktop.ui.signin.SignInController;
import com.waltalk.desktop.ui.signin.SignInView;
import com.waltalk.runtime.Threads;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * One WalTalk window: menu, reconnect banner, and the screen for the session's state — sign-in, the
 * contacts and chat, and the call screen over them during a call. Toasts float on top.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class MainWindow implements AutoCloseable {

    public static final double MIN_WIDTH = 780;
    public static final double MIN_HEIGHT = 560;
    /** Focuses the "Add contact" field. */
    private static final KeyCombination ADD_CONTACT = KeyCombination.keyCombination("Shortcut+N");

    private final Stage stage;
    private final WindowContext ctx;
    private final FxSession session;
    private final SignInView signIn = new SignInView();
    private final SignInController signInController;
    private final HomeView home;
    private final CallScreen callScreen;
    private final CallController calls;
    private final Toasts toasts = new Toasts();
    private final CallMediaHooks media;
    private Stage settingsStage;
    private SettingsView settingsView;
    private Stage hostStage;
    private boolean closed;

    public MainWindow(Stage stage, WindowContext ctx) {
        this.stage = stage;
        this.ctx = ctx;
        this.session = new FxSession(ctx.model());
        this.home = new HomeView(session);
        this.callScreen = new CallScreen(session);
        this.signInController = new SignInController(signIn, ctx.model(), ctx.settings());
        this.media = ctx.media().apply(session);

        StackPane content = new StackPane(signIn, home, callScreen);
        BorderPane frame = new BorderPane(content);
        frame.setTop(new VBox(menuBar(), new ReconnectBanner(session.connectionProperty())));
        StackPane root = new StackPane(frame, toasts);
        root.setId("windowRoot");

        Scene scene = new Scene(root, 1040, 700);
        Theme.apply(scene, ctx.settings().themeProperty());
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (ADD_CONTACT.match(e) && home.isVisible() && !callScreen.isVisible()) {
                home.addContact().field().requestFocus();
                e.consume();
                return;
            }
            boolean typing = scene.getFocusOwner() instanceof TextInputControl;
            if (callScreen.shortcut(e, typing)) {
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        this.calls = new CallController(session, callScreen, ctx.settings(), toasts, ctx.notifier(), media, stage);
        new ContactNotices(session, toasts);

        home.setOnCall(peer -> ctx.model().call(peer));
        home.settingsButton().setOnAction(e -> openSettings());
        signIn.hostLink().setOnAction(e -> openHost());
        signIn.hostLink().setVisible(ctx.host() != null);
        session.onCredentials(creds -> {
            if (ctx.settings().autoSignInProperty().get()) {
                ctx.settings().tokenProperty().set(creds.token());
            }
        });
        session.connectionProperty().addListener((o, was, now) -> showState(was, now));
        showState(null, session.connectionProperty().get());
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> close());
    }

    private MenuBar menuBar() {
        MenuItem settings = new MenuItem("Settings…");
        settings.setId("menuSettings");
        settings.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        settings.setOnAction(e -> openSettings());
        MenuItem host = new MenuItem("Host on this computer…");
        host.setId("menuHost");
        host.setOnAction(e -> openHost());
        host.setDisable(ctx.host() == null);
        MenuItem signOut = new MenuItem("Sign out");
        signOut.setId("menuSignOut");
        signOut.setOnAction(e -> signOut());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        Menu app = new Menu("WalTalk", null, settings, host, new SeparatorMenuItem(), signOut, quit);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menuDark");
        dark.setSelected(ctx.settings().themeProperty().get() == ThemeChoice.DARK);
        dark.setOnAction(e -> ctx.settings().themeProperty().set(dark.isSelected() ? ThemeChoice.DARK : ThemeChoice.LIGHT));
        ctx.settings().themeProperty().addListener((o, was, now) -> dark.setSelected(now == ThemeChoice.DARK));
        Menu view = new Menu("View", null, dark);

        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> info("Keyboard shortcuts", """
                During a call:
                  M              mute / unmute the microphone
                  V              camera off / on
                  C              open / close the chat
                  S              show / hide statistics
                  Esc, Ctrl+W    hang up

                While it rings:
                  Enter          accept
                  Esc            decline / cancel

                Contacts:
                  Ctrl+N         add a contact (type the exact name, Enter)
                  Tab            through the requests' Accept / Decline / Block
                  Menu key       a contact's menu: call, remove, block

                Anywhere:
                  Ctrl+,         settings
                  Ctrl+Q         quit"""));
        MenuItem about = new MenuItem("About WalTalk");
        about.setOnAction(e -> info("About WalTalk", "WalTalk " + AppVersion.current()
                + "\nVideo calls through a relay whose only message broker is PostgreSQL."));
        Menu help = new Menu("Help", null, keys, about);
        return new MenuBar(app, view, help);
    }

    private void info(String title, String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, text);
        a.setTitle(title);
        a.setHeaderText(title);
        a.initOwner(stage);
        a.getDialogPane().getStylesheets().add(Theme.STYLESHEET);
        if (ctx.settings().themeProperty().get() == ThemeChoice.DARK) {
            a.getDialogPane().getStyleClass().add("dark");
        }
        a.show();
    }

    private void showState(ConnectionStatus was, ConnectionStatus now) {
        boolean signedIn = now.state() == ConnectionState.SIGNED_IN || now.state() == ConnectionState.RECONNECTING;
        home.setVisible(signedIn);
        signIn.setVisible(!signedIn);
        callScreen.setManaged(true);
        stage.setTitle(now.user() != null && signedIn ? "WalTalk — " + now.user() : "WalTalk");
        if (!signedIn) {
            callScreen.show(null);
        }
        boolean wasIn = was != null && (was.state() == ConnectionState.SIGNED_IN
                || was.state() == ConnectionState.RECONNECTING);
        if (now.state() == ConnectionState.SIGNED_OUT && wasIn) {
            now.failureIfAny().ifPresentOrElse(
                    f -> signIn.errorProperty().set(FailureText.forSignIn(f, String.valueOf(now.relay()))),
                    () -> signIn.infoProperty().set("You are signed out."));
        }
        if (now.state() == ConnectionState.SIGNED_IN && was != null && was.state() == ConnectionState.RECONNECTING) {
            toasts.show("Reconnected", "The connection to the relay is back.");
        }
        if (!signedIn) {
            Platform.runLater(signIn::focusFirstEmpty);
        }
    }

    /** Shows the window and signs in automatically if a token is saved. */
    public void show() {
        stage.show();
        signInController.autoSignIn();
    }

    /** Signs out (the token is revoked and forgotten). */
    public CompletableFuture<Void> signOut() {
        ctx.settings().tokenProperty().set(null);
        return ctx.model().signOut();
    }

    public void openSettings() {
        if (settingsStage == null) {
            settingsView = new SettingsView(ctx.settings(), ctx.devices());
            settingsStage = new Stage();
            settingsStage.initOwner(stage);
            settingsStage.setTitle("WalTalk settings");
            Scene scene = new Scene(settingsView, 600, 760);
            Theme.apply(scene, ctx.settings().themeProperty());
            settingsStage.setScene(scene);
            settingsStage.setMinWidth(520);
            settingsStage.setMinHeight(420);
            settingsStage.setOnShown(e -> settingsView.startPreview());
            settingsStage.setOnHidden(e -> settingsView.stopPreview());
        }
        settingsStage.show();
        settingsStage.toFront();
    }

    public void openHost() {
        if (ctx.host() == null) {
            return;
        }
        if (hostStage == null) {
            HostView view = new HostView(ctx.host(), uri -> {
                signIn.relayField().setText(uri);
                hostStage.hide();
                signIn.focusFirstEmpty();
            });
            hostStage = new Stage();
            hostStage.initOwner(stage);
            hostStage.setTitle("Host on this computer");
            Scene scene = new Scene(view);
            Theme.apply(scene, ctx.settings().themeProperty());
            hostStage.setScene(scene);
            hostStage.setMinWidth(480);
            view.start();
        }
        hostStage.show();
        hostStage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public FxSession session() {
        return session;
    }

    public SignInView signInView() {
        return signIn;
    }

    public HomeView home() {
        return home;
    }

    public CallScreen callScreen() {
        return callScreen;
    }

    public CallController calls() {
        return calls;
    }

    public Toasts toasts() {
        return toasts;
    }

    public SettingsView settingsView() {
        return settingsView;
    }

    public Stage settingsStage() {
        return settingsStage;
    }

    /** Stops this window's call, media and session (without signing out: the token stays valid). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        calls.close();
        if (settingsView != null) {
            settingsView.stopPreview();
        }
        if (settingsStage != null) {
            settingsStage.hide();
        }
        if (hostStage != null) {
            hostStage.hide();
        }
        session.close();
        // closing waits for the session thread to finish (up to a few seconds): not on the FX thread
        Threads.startDaemon("session-close", ctx.model()::close);
    }
}
