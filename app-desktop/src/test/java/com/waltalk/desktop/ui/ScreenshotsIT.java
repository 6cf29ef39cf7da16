package com.waltalk.desktop.ui;

import com.waltalk.testing.RunningRelay;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.settings.ThemeChoice;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a check but a tool: saves screenshots of the main screens to the directory named by
 * {@code -Dwaltalk.screenshots=...} (the README's docs/screenshots), from real windows talking through a
 * real relay:
 * {@code ./mvnw -pl app-desktop verify -Dtest=ScreenshotsIT -Dwaltalk.screenshots=$PWD/docs/screenshots}.
 */
@EnabledIfSystemProperty(named = "waltalk.screenshots", matches = ".+")
class ScreenshotsIT {

    @Test
    void saveScreens() throws Exception {
        Path dir = Path.of(System.getProperty("waltalk.screenshots"));
        try (RunningRelay relay = UiRelays.start()) {
            saveScreens(dir, relay);
        }
    }

    /** A new user's empty contacts, and the requests tab with requests both ways and a blocked person. */
    @Test
    void saveContactScreens() throws Exception {
        Path dir = Path.of(System.getProperty("waltalk.screenshots"));
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow m = TestWindow.signedUp("maria", relay);
             TestWindow n = TestWindow.signedUp("nora", relay);
             TestWindow o = TestWindow.signedUp("omar", relay);
             TestWindow p = TestWindow.signedUp("pablo", relay);
             TestWindow q = TestWindow.signedUp("quinn", relay)) {
            m.await("list", () -> m.window.session().contactListsProperty().get().received());
            m.front();
            Snapshots.save(m.stage.getScene(), dir.resolve("contacts-empty.png"));
            for (TestWindow asker : java.util.List.of(n, o, q)) {
                asker.robot().interact(() -> asker.model.addContact("maria"));
            }
            m.await("three requests", () -> m.window.session().incomingRequests().size() == 3);
            m.robot().interact(() -> m.model.blockContact("quinn"));
            m.await("blocked", () -> m.window.session().blocked().contains("quinn"));
            m.type("addContactField", "pablo");
            m.click("addContactButton");
            m.await("sent", () -> m.text("addContactFeedback").startsWith("Request sent to pablo"));
            m.robot().interact(() -> m.window.home().tabs().getSelectionModel().select(1));
            m.clearToasts();
            TestWindow.sleep(500);
            Snapshots.save(m.stage.getScene(), dir.resolve("requests.png"));
        }
    }

    private void saveScreens(Path dir, RunningRelay relay) throws Exception {

        // sign in
        try (TestWindow fresh = TestWindow.open("alice", relay.webSocketUri())) {
            fresh.robot().interact(() -> fresh.window.signInView().autoSignInBox().requestFocus());
            Snapshots.save(fresh.stage.getScene(), dir.resolve("sign-in.png"));
            fresh.robot().interact(() -> fresh.window.signInView().errorProperty()
                    .set("Wrong user name or password."));
            fresh.robot().interact(() -> fresh.window.signInView().passwordField().setText("secret-pass"));
            Snapshots.save(fresh.stage.getScene(), dir.resolve("sign-in-error.png"));
        }

        // host on this computer
        try (com.waltalk.desktop.host.HostService host = new com.waltalk.desktop.host.HostService(
                java.nio.file.Files.createTempDirectory("waltalk-shot-host"), "0.0.0.0", 0, UiRelays.timeouts());
             TestWindow w = TestWindow.openWithHost("alice", host)) {
            w.click("hostLink");
            w.await("hosting", Duration.ofSeconds(60), () -> host.current().isPresent()
                    && w.robot().lookup("#hostUseHere").tryQuery().map(n -> !((javafx.scene.Node) n).isDisabled())
                    .orElse(false));
            TestWindow.sleep(500);
            javafx.scene.Node view = w.robot().lookup("#hostView").query();
            Snapshots.save(view.getScene(), dir.resolve("host.png"));
        }

        String alice = "alice";
        String bob = "bob";
        try (TestWindow a = TestWindow.signedUp(alice, relay);
             TestWindow b = TestWindow.signedUp(bob, relay);
             TestWindow c = TestWindow.signedUp("carol", relay)) {
            a.await("contacts", () -> a.window.session().contacts().size() >= 2);
            // a little history and chat
            b.robot().interact(() -> b.model.sendChat(a.user, "Hi! Free for a quick call about the release?"));
            a.await("chat", () -> a.window.session().conversation(b.user).isPresent());
            a.robot().interact(() -> a.window.home().select(b.user));
            a.robot().interact(() -> a.model.sendChat(b.user, "Sure — calling you in a minute."));
            a.robot().interact(() -> a.model.call(c.user));
            c.await("ringing", () -> c.window.callScreen().ringing().isVisible());
            c.robot().interact(() -> c.model.decline());
            a.await("ended", () -> a.window.session().currentCallProperty().get() == null);
            TestWindow.sleep(6000); // toasts fade
            Snapshots.save(a.stage.getScene(), dir.resolve("contacts.png"));
            a.robot().interact(() -> a.window.home().tabs().getSelectionModel().select(2)); // Recent
            Snapshots.save(a.stage.getScene(), dir.resolve("history.png"));
            a.robot().interact(() -> a.window.home().tabs().getSelectionModel().select(0));

            a.robot().interact(() -> a.model.call(b.user));
            b.await("incoming", () -> b.window.callScreen().ringing().isVisible());
            TestWindow.sleep(700);
            Snapshots.save(b.stage.getScene(), dir.resolve("incoming-call.png"));
            Snapshots.save(a.stage.getScene(), dir.resolve("outgoing-call.png"));
            b.robot().interact(() -> b.model.accept());
            a.await("peer video", Duration.ofSeconds(30), () -> a.window.callScreen().inCall().peerImage().getImage() != null
                    && a.window.callScreen().inCall().peerVideoShowingProperty().get());
            TestWindow.sleep(1500);
            a.robot().interact(() -> a.window.callScreen().inCall().chatToggle().setSelected(true));
            b.robot().interact(() -> b.model.sendChat(a.user, "I can see you! The picture is sharp."));
            a.robot().interact(() -> a.window.callScreen().inCall().stats().setVisible(true));
            TestWindow.sleep(2500);
            Snapshots.save(a.stage.getScene(), dir.resolve("in-call.png"));
            b.robot().interact(() -> b.model.setMuted(true));
            a.robot().interact(() -> a.window.callScreen().inCall().stats().setVisible(false));
            a.robot().interact(() -> a.window.callScreen().inCall().chatToggle().setSelected(false));
            a.robot().interact(() -> a.settings.themeProperty().set(ThemeChoice.DARK));
            TestWindow.sleep(1500);
            Snapshots.save(a.stage.getScene(), dir.resolve("in-call-dark.png"));
            a.robot().interact(() -> a.model.hangup());
            a.await("ended", () -> a.window.session().currentCallProperty().get() == null);
            TestWindow.sleep(6000);
            Snapshots.save(a.stage.getScene(), dir.resolve("contacts-dark.png"));

            a.robot().interact(() -> a.settings.themeProperty().set(ThemeChoice.LIGHT));
            a.robot().interact(() -> a.window.openSettings());
            a.await("preview", Duration.ofSeconds(20), () -> {
                ImageView v = a.window.settingsView().cameraPreview();
                return v.getImage() != null;
            });
            TestWindow.sleep(1000);
            Snapshots.save(a.window.settingsStage().getScene(), dir.resolve("settings.png"));
            a.robot().interact(() -> a.window.settingsStage().hide());
        }
    }

}
