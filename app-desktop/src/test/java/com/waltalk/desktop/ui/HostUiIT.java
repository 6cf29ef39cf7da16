package com.waltalk.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.host.HostService;
import com.waltalk.desktop.session.ConnectionState;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * "Host on this computer": from the sign-in screen the bundled relay starts inside the app (listening on
 * all interfaces), the window shows the address for the other computer, and "use it here" signs this
 * window in to it.
 */
class HostUiIT {

    @TempDir
    Path data;

    @Test
    void hostOnThisComputerShowsTheAddressAndCanBeUsedHere() throws Exception {
        try (HostService host = new HostService(data.resolve("relay"), "0.0.0.0", 0, UiRelays.timeouts());
             TestWindow w = TestWindow.openWithHost(TestWindow.uniqueUser("hal"), host)) {
            w.click("hostLink");
            FxRobot robot = w.robot();
            w.await("relay started", Duration.ofSeconds(60), () -> host.current().isPresent()
                    && robot.lookup("#hostUseHere").tryQuery().map(n -> !((Node) n).isDisabled()).orElse(false));
            String status = TestWindow.fx(() -> robot.lookup("#hostStatus").queryLabeled().getText());
            assertThat(status).startsWith("Hosting.");
            var uris = host.current().orElseThrow().networkUris();
            for (String uri : uris) {
                assertThat(uri).matches("ws://\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+");
                assertThat(TestWindow.fx(() -> robot.lookup(".host-address").queryAll().stream()
                        .anyMatch(n -> ((TextField) n).getText().equals(uri)))).isTrue();
            }
            Node useHere = robot.lookup("#hostUseHere").query();
            robot.interact(() -> ((Window) useHere.getScene().getWindow()).requestFocus());
            robot.clickOn(useHere);
            w.await("relay address filled in", () -> w.window.signInView().relayField().getText()
                    .equals(host.current().orElseThrow().localUri()));
            w.click("modeToggle");
            w.type("passwordField", TestWindow.PASSWORD);
            w.click("signInButton");
            w.awaitState(ConnectionState.SIGNED_IN);
        }
    }
}
