package com.waltalk.desktop.ui;

import com.waltalk.testing.RunningRelay;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.session.ConnectionState;
import com.waltalk.desktop.settings.PersistentSettings;
import com.waltalk.desktop.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sign-in screen against a real relay: create an account, a wrong password is refused with a plain
 * message and the right one gets in, an unreachable relay is named, and a remembered token (never the
 * password) signs in automatically in the next window.
 */
class SignInUiIT {

    @TempDir
    Path config;

    @Test
    void createAccountThenWrongPasswordIsRefusedAndTheRightOneSignsIn() throws Exception {
        RunningRelay relay = UiRelays.shared();
        String user = TestWindow.uniqueUser("sam");
        try (TestWindow w = TestWindow.open(user, relay.webSocketUri())) {
            w.click("modeToggle");
            assertThat(w.text("signInButton")).isEqualTo("Create account");
            w.type("passwordField", TestWindow.PASSWORD);
            w.click("signInButton");
            w.awaitState(ConnectionState.SIGNED_IN);
            w.await("home screen", () -> w.window.home().isVisible() && !w.window.signInView().isVisible());
            assertThat(w.text("meName")).isEqualTo(user);
            assertThat(w.stage.getTitle()).isEqualTo("WalTalk — " + user);

            w.robot().interact(w.window::signOut);
            w.awaitState(ConnectionState.SIGNED_OUT);
            w.await("sign-in screen", () -> w.window.signInView().isVisible());
            assertThat(w.text("signInButton")).isEqualTo("Sign in");

            w.type("passwordField", "not-the-password");
            w.click("signInButton");
            w.await("error message", () -> w.showing("signInError"));
            assertThat(w.text("signInError")).isEqualTo("Wrong user name or password.");
            assertThat(w.window.session().connectionProperty().get().state()).isNotEqualTo(ConnectionState.SIGNED_IN);
            assertThat(w.window.home().isVisible()).isFalse();

            w.type("passwordField", TestWindow.PASSWORD);
            w.click("signInButton");
            w.awaitState(ConnectionState.SIGNED_IN);
            w.await("home screen", () -> w.window.home().isVisible());
            assertThat(w.showing("signInError")).isFalse();
        }
    }

    @Test
    void anUnreachableRelayIsNamed() throws Exception {
        try (TestWindow w = TestWindow.open("nobody", "ws://127.0.0.1:9")) {
            w.type("passwordField", "whatever-password");
            w.click("signInButton");
            w.await("error message", () -> w.showing("signInError"));
            assertThat(w.text("signInError")).startsWith("Cannot reach the relay at ws://127.0.0.1:9");
            assertThat(w.window.signInView().busyProperty().get()).isFalse();
        }
    }

    @Test
    void aBadRelayAddressIsExplainedWithoutConnecting() throws Exception {
        try (TestWindow w = TestWindow.open("nobody", "http://example.org")) {
            w.type("passwordField", "whatever-password");
            w.click("signInButton");
            w.await("error message", () -> w.showing("signInError"));
            assertThat(w.text("signInError")).contains("ws://host:port");
        }
    }

    @Test
    void theTokenIsRememberedNotThePasswordAndSignsInAutomaticallyNextTime() throws Exception {
        RunningRelay relay = UiRelays.shared();
        String user = TestWindow.uniqueUser("tia");
        try (PersistentSettings first = new PersistentSettings(new SettingsStore(config))) {
            try (TestWindow w = TestWindow.open(user, relay.webSocketUri(), first.settings())) {
                w.click("modeToggle");
                w.type("passwordField", TestWindow.PASSWORD);
                w.click("signInButton");
                w.awaitState(ConnectionState.SIGNED_IN);
                w.await("token saved", () -> first.settings().tokenProperty().get() != null);
            }
        }
        Path file = config.resolve("settings.json");
        TestWindow.await("settings written", java.time.Duration.ofSeconds(5),
                () -> Files.exists(file) && Files.readString(file).contains("\"token\""));
        String json = Files.readString(file);
        assertThat(json).contains(relay.webSocketUri()).contains(user).doesNotContain(TestWindow.PASSWORD);

        try (PersistentSettings second = new PersistentSettings(new SettingsStore(config));
             TestWindow w = TestWindow.open(user, relay.webSocketUri(), second.settings())) {
            // TestWindow.open shows the window, which signs in with the saved token: no typing
            w.awaitState(ConnectionState.SIGNED_IN);
            w.await("home screen", () -> w.window.home().isVisible());
            assertThat(w.window.signInView().passwordField().getText()).isEmpty();
        }
    }
}
