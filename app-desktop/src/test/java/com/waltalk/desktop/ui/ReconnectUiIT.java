package com.waltalk.desktop.ui;

import com.waltalk.testing.RunningRelay;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.session.ConnectionState;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The relay restarts in the middle of a call: both windows show "reconnecting…" (and stay responsive),
 * sign in again with their tokens when it is back, and the call carries on with moving video.
 */
class ReconnectUiIT {

    @Test
    void relayRestartMidCallShowsReconnectingAndTheCallRecovers() throws Exception {
        try (RunningRelay relay = UiRelays.start();
             TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("rae"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("rob"), relay)) {
            a.await(b.user + " listed", () -> a.window.session().contacts().stream()
                    .anyMatch(c -> c.user().equals(b.user)));
            a.robot().interact(() -> a.model.call(b.user));
            b.await("incoming", () -> b.showing("acceptButton"));
            b.click("acceptButton");
            a.await("video", Duration.ofSeconds(20), () -> a.window.callScreen().inCall().peerVideoShowingProperty().get());

            relay.stop();
            a.await("reconnecting banner", () -> a.showing("reconnectBanner"));
            b.await("reconnecting banner", () -> b.showing("reconnectBanner"));
            assertThat(a.text("reconnectText")).startsWith("Connection to the relay lost — reconnecting…");
            // the window is not frozen: the FX thread answers and the call screen is still there
            assertThat(TestWindow.fx(() -> a.window.callScreen().inCall().isVisible())).isTrue();

            relay.restart();
            a.awaitState(ConnectionState.SIGNED_IN);
            b.awaitState(ConnectionState.SIGNED_IN);
            a.await("banner gone", () -> !a.showing("reconnectBanner"));
            assertThat(a.window.callScreen().inCall().isVisible()).isTrue();
            Set<Long> seen = new HashSet<>();
            a.await("video moves again", Duration.ofSeconds(20), () -> {
                seen.add(Snapshots.fingerprint(a.window.callScreen().inCall().peerImage().getImage()));
                return seen.size() >= 3;
            });
            a.click("hangupButton");
            b.await("call over", () -> !b.window.callScreen().isVisible());
        }
    }
}
