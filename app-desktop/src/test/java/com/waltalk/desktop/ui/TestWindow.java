package com.waltalk.desktop.ui;

import com.waltalk.testing.RunningRelay;
import com.waltalk.desktop.MediaWiring;
import com.waltalk.desktop.connection.ReconnectPolicy;
import com.waltalk.desktop.session.ConnectionState;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.session.SessionOptions;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.common.DesktopNotifier;
import com.waltalk.desktop.ui.shell.MainWindow;
import com.waltalk.desktop.ui.shell.WindowContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One real WalTalk window for tests: the production {@link MainWindow} with a real session model, a
 * private synthetic camera and in-memory settings, on its own stage. Several can be open at once (two
 * app instances in one JVM). Node lookups are scoped to this window.
 */
public final class TestWindow implements AutoCloseable {

    private static final AtomicInteger SEQ = new AtomicInteger();

    static {
        ensureAlsaCaptureFile();
    }
    static final String PASSWORD = "correct-horse-battery";

    public final String user;
    public final AppSettings settings;
    public final SessionModel model;
    public final MainWindow window;
    public final Stage stage;
    private final MediaWiring media;
    private final FxRobot robot = new FxRobot();

    private TestWindow(String user, AppSettings settings, MediaWiring media,
                       com.waltalk.desktop.host.HostService host) throws Exception {
        this.user = user;
        this.settings = settings;
        this.media = media;
        this.model = SessionModel.create(SessionOptions.DEFAULT
                .withReconnect(new ReconnectPolicy(Duration.ofMillis(300), Duration.ofSeconds(2))));
        DesktopNotifier notifier = new DesktopNotifier();
        this.window = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            MainWindow w = new MainWindow(s, new WindowContext(settings, model, media.demoDevices(user),
                    fx -> media.demoHooksFor(fx, user), host, notifier));
            s.setWidth(1040);
            s.setHeight(700);
            w.show();
            return w;
        }).get(10, TimeUnit.SECONDS);
        this.stage = window.stage();
    }

    /**
     * The test ALSA device (see pom.xml) reads the microphone from a file; Java Sound enumerates devices
     * once per JVM, so the file must exist before the first window opens a microphone, whichever test
     * class runs first. A quiet 440 Hz tone, ~20 s at 48 kHz mono.
     */
    static void ensureAlsaCaptureFile() {
        String name = System.getenv("WALTALK_ALSA_CAPTURE_FILE");
        if (name == null) {
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(name);
        if (java.nio.file.Files.exists(file)) {
            return;
        }
        byte[] pcm = new byte[48_000 * 2 * 20];
        for (int i = 0; i < pcm.length / 2; i++) {
            short v = (short) (Math.sin(2 * Math.PI * 440 * i / 48_000.0) * 3000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, pcm);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A unique user name starting with {@code prefix}. */
    public static String uniqueUser(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000, 36) + SEQ.incrementAndGet();
    }

    /** Opens a window (not signed in) whose form points at {@code relay}. */
    public static TestWindow open(String user, String relay, AppSettings settings) throws Exception {
        FxToolkit.registerPrimaryStage();
        settings.relayUriProperty().set(relay);
        settings.userProperty().set(user);
        return new TestWindow(user, settings, MediaWiring.synthetic(), null);
    }

    /** Opens a window (not signed in) that offers "Host on this computer" with {@code host}. */
    public static TestWindow openWithHost(String user, com.waltalk.desktop.host.HostService host) throws Exception {
        FxToolkit.registerPrimaryStage();
        AppSettings settings = new AppSettings();
        settings.userProperty().set(user);
        return new TestWindow(user, settings, MediaWiring.synthetic(), host);
    }

    public static TestWindow open(String user, String relay) throws Exception {
        return open(user, relay, new AppSettings());
    }

    /** Opens a window and registers {@code user} through the model (fast path for call tests). */
    public static TestWindow signedUp(String user, RunningRelay relay) throws Exception {
        TestWindow w = open(user, relay.webSocketUri());
        w.model.register(com.waltalk.desktop.connection.RelayEndpoint.of(relay.webSocketUri()), user, PASSWORD)
                .get(20, TimeUnit.SECONDS);
        w.awaitState(ConnectionState.SIGNED_IN);
        w.await("the home screen", () -> w.window.home().isVisible());
        return w;
    }

    /**
     * Makes the signed-in users of {@code a} and {@code b} contacts over the protocol (one asks, the other
     * accepts; nothing is sent if they are contacts already), and waits until both windows show it.
     */
    public static void makeContacts(TestWindow a, TestWindow b) throws Exception {
        com.waltalk.desktop.session.ContactHandshake.connect(a.model, b.model, 20_000).get(25, TimeUnit.SECONDS);
        a.await(b.user + " in " + a.user + "'s contacts", () -> a.window.session().contactListsProperty().get()
                .isContact(b.user));
        b.await(a.user + " in " + b.user + "'s contacts", () -> b.window.session().contactListsProperty().get()
                .isContact(a.user));
    }

    /**
     * Clicks the item labelled {@code text} of the context or drop-down menu this window just opened (menus are
     * popup windows of their own, so the window's own lookups do not see them).
     */
    public void chooseMenuItem(String text) {
        await("a menu with '" + text + "'", () -> menuItem(text) != null);
        robot.clickOn(fx(() -> menuItem(text)));
    }

    private static Node menuItem(String text) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w instanceof javafx.scene.control.ContextMenu && w.isShowing() && w.getScene() != null) {
                for (Node n : w.getScene().getRoot().lookupAll(".menu-item")) {
                    if (n.lookupAll(".label").stream().anyMatch(l -> text.equals(((Labeled) l).getText()))) {
                        return n;
                    }
                }
            }
        }
        return null;
    }

    /** Takes the toasts away (they float over the top right of the window, where the call button is). */
    public void clearToasts() {
        robot.interact(() -> window.toasts().getChildren().clear());
    }

    public FxRobot robot() {
        return robot;
    }

    /** The node with {@code fx:id} {@code id} in this window (or its popups is not searched). */
    public <T extends Node> T node(String id) {
        T n = robot.from(stage.getScene().getRoot()).lookup("#" + id).query();
        return n;
    }

    public boolean has(String id) {
        return robot.from(stage.getScene().getRoot()).lookup("#" + id).tryQuery().isPresent();
    }

    /** Whether the node exists and it and all its parents are visible. */
    public boolean showing(String id) {
        return fx(() -> {
            var found = robot.from(stage.getScene().getRoot()).lookup("#" + id).tryQuery();
            if (found.isEmpty()) {
                return false;
            }
            for (Node n = (Node) found.get(); n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }

    public String text(String id) {
        return fx(() -> ((Labeled) node(id)).getText());
    }

    /** Clicks the node (this window is brought to the front first: test windows overlap on the screen). */
    public void click(String id) {
        Node n = node(id);
        front();
        robot.clickOn(n);
    }

    /** Brings this window to the front and gives it the keyboard focus. */
    public void front() {
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Clicks {@code node} of this window after bringing it to the front. */
    public org.testfx.api.FxRobotInterface clickOn(Node node) {
        front();
        return robot.clickOn(node);
    }

    /** Sets a text field's text as if typed (on the FX thread). */
    public void type(String id, String text) {
        javafx.scene.control.TextInputControl f = node(id);
        clickOn(f);
        robot.interact(() -> f.setText(text));
    }

    public void awaitState(ConnectionState state) {
        await("connection " + state, () -> window.session().connectionProperty().get().state() == state);
    }

    public void await(String what, Callable<Boolean> condition) {
        await(what, Duration.ofSeconds(20), condition);
    }

    /** Polls {@code condition} on the FX thread until it holds, failing with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS))) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
    }

    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            WaitForAsyncUtils.asyncFx(() -> stage.hide()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the toolkit is going away
        }
        model.close();
        media.close();
    }
}
