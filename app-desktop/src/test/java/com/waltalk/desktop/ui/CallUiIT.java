package com.waltalk.desktop.ui;

import com.waltalk.testing.RunningRelay;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.session.CallOutcome;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.session.ChatLine;
import com.waltalk.desktop.session.Contact;
import com.waltalk.desktop.session.Presence;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * Two (or three) real app windows in one JVM talking through a real relay and a real PostgreSQL: presence,
 * a whole call driven through the buttons and shortcuts (video from the peer's synthetic camera moving in
 * the remote ImageView, mute and camera-off reaching the peer, chat both ways, hang-up, history), and the
 * calls that do not happen: declined, cancelled, missed and busy.
 */
class CallUiIT {

    private static Presence presenceOf(TestWindow w, String user) {
        return TestWindow.fx(() -> w.window.session().contacts().stream().filter(c -> c.user().equals(user))
                .map(Contact::presence).findFirst().orElse(null));
    }

    private static void select(TestWindow w, String peer) {
        w.await(peer + " in the contacts", () -> w.window.session().contacts().stream()
                .anyMatch(c -> c.user().equals(peer)));
        w.robot().interact(() -> w.window.home().select(peer));
    }

    @Test
    void presenceAppearsAndDisappears() throws Exception {
        RunningRelay relay = UiRelays.shared();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("ann"), relay)) {
            String bobName = TestWindow.uniqueUser("ben");
            try (TestWindow b = TestWindow.signedUp(bobName, relay)) {
                a.await(bobName + " online", () -> presenceOf(a, bobName) == Presence.ONLINE);
                a.await("contact row", () -> a.showing("contact-" + bobName));
                b.robot().interact(b.window::signOut);
                a.await(bobName + " offline", () -> presenceOf(a, bobName) == Presence.OFFLINE);
                select(a, bobName);
                a.await("status text", () -> "Offline".equals(a.text("peerStatus")));
            }
        }
    }

    @Test
    void callAcceptVideoMuteCameraChatHangUpHistory() throws Exception {
        RunningRelay relay = UiRelays.shared();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("amy"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bo"), relay)) {
            select(a, b.user);
            a.click("callButton");
            a.await("calling screen", () -> a.showing("cancelCallButton"));
            assertThat(a.text("ringingStatus")).isEqualTo("Calling…");
            b.await("incoming call", () -> b.showing("acceptButton") && b.showing("declineButton"));
            assertThat(b.text("ringingPeer")).isEqualTo(a.user);
            b.await("ringtone", () -> b.window.calls().ringtone().playing() != null);
            b.click("acceptButton");

            a.await("in call", () -> a.showing("hangupButton"));
            b.await("in call", () -> b.showing("hangupButton"));
            assertThat(b.window.calls().ringtone().playing()).isNull();
            // the remote ImageView shows the peer's moving synthetic camera
            Set<Long> seen = new HashSet<>();
            a.await("moving peer video", Duration.ofSeconds(20), () -> {
                var img = a.window.callScreen().inCall().peerImage().getImage();
                if (img != null && a.window.callScreen().inCall().peerVideoShowingProperty().get()) {
                    seen.add(Snapshots.fingerprint(img));
                }
                return seen.size() >= 3;
            });
            assertThat(TestWindow.fx(() -> a.window.callScreen().inCall().peerImage().getImage().getWidth()))
                    .isEqualTo(640.0);
            a.await("timer runs", () -> !a.text("callTimer").equals("0:00"));
            // audio flows too: b's microphone (an ALSA file device in tests) reaches a's speaker
            a.await("audio from b", () -> a.model.media().stats().audioIn().framesPerSecond() > 20
                    && a.window.calls().ringtone().playing() == null);

            // mute by keyboard shortcut (M) in b's window; a sees the indicator
            b.clickOn(b.<javafx.scene.Node>node("peerVideo"));
            b.robot().type(KeyCode.M);
            a.await("peer muted indicator", () -> a.showing("peerMutedIndicator"));
            assertThat(b.window.session().localMediaProperty().get().micOn()).isFalse();
            a.await("no audio from b while muted", () -> a.model.media().stats().audioIn().framesPerSecond() < 1);
            // camera off by button; a sees "camera off" and the placeholder instead of video
            b.click("cameraButton");
            a.await("peer camera off", () -> a.showing("peerCameraOffIndicator") && a.showing("peerVideoPlaceholder"));
            assertThat(a.text("peerVideoPlaceholder")).isEqualTo(b.user + " turned the camera off");
            b.click("cameraButton");
            a.await("peer camera on again", () -> !a.showing("peerCameraOffIndicator")
                    && a.window.callScreen().inCall().peerVideoShowingProperty().get());

            // chat both ways in the call's chat panel
            a.click("chatButton");
            a.await("chat panel", () -> a.showing("call-chatInput"));
            a.clickOn(a.<javafx.scene.Node>node("call-chatInput")).write("hello from " + a.user);
            a.robot().type(KeyCode.ENTER);
            b.await("b got the message", () -> lines(b, a.user).stream()
                    .anyMatch(l -> !l.outgoing() && l.body().equals("hello from " + a.user)));
            b.await("unread badge on b's chat button", () -> b.showing("callChatBadge"));
            b.click("chatButton");
            b.type("call-chatInput", "hi " + a.user + ", loud and clear");
            b.click("call-chatSend");
            a.await("a got the reply", () -> lines(a, b.user).stream()
                    .anyMatch(l -> !l.outgoing() && !l.pending() && l.body().equals("hi " + a.user + ", loud and clear")));
            b.await("b's badge cleared", () -> !b.showing("callChatBadge"));

            // statistics overlay on demand
            a.click("statsButton");
            a.await("stats", () -> a.showing("statsOverlay") && a.text("statsVideoIn").contains("fps"));

            a.click("hangupButton");
            a.await("call over", () -> a.window.home().isVisible() && !a.window.callScreen().isVisible());
            b.await("call over", () -> !b.window.callScreen().isVisible());
            b.await("toast says a ended it", () -> b.window.toasts().getChildren().stream()
                    .anyMatch(n -> n.lookupAll(".label").stream()
                            .anyMatch(l -> ((Label) l).getText().equals(a.user + " ended the call."))));

            // the history shows the call, with its duration
            a.robot().interact(() -> a.window.home().tabs().getSelectionModel().select(2)); // Recent
            a.await("history entry", () -> historyHas(a, b.user, CallOutcome.ENDED));
            CallView entry = TestWindow.fx(() -> a.window.session().history().stream()
                    .filter(c -> c.peer().equals(b.user)).findFirst().orElseThrow());
            a.await("history row shown", () -> a.showing("history-" + entry.callId()));
            Label detail = TestWindow.fx(() -> (Label) a.<javafx.scene.Node>node("history-" + entry.callId())
                    .lookup(".history-detail"));
            assertThat(TestWindow.fx(detail::getText)).matches("Outgoing · 0:[0-5][0-9]");
            b.robot().interact(() -> b.window.home().tabs().getSelectionModel().select(2)); // Recent
            b.await("b's history", () -> historyHas(b, a.user, CallOutcome.ENDED));
        }
    }

    private static java.util.List<ChatLine> lines(TestWindow w, String peer) {
        return w.window.session().conversation(peer).map(c -> c.lines()).orElse(java.util.List.of());
    }

    private static boolean historyHas(TestWindow w, String peer, CallOutcome outcome) {
        ListView<CallView> list = w.node("historyList");
        return list.getItems().stream().anyMatch(c -> c.peer().equals(peer) && c.outcome() == outcome);
    }

    private static boolean toastSays(TestWindow w, String text) {
        return w.window.toasts().getChildren().stream().anyMatch(n -> n.lookupAll(".label").stream()
                .anyMatch(l -> ((Label) l).getText().equals(text)));
    }

    @Test
    void declinedCallIsShownPlainly() throws Exception {
        RunningRelay relay = UiRelays.shared();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("ada"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bea"), relay)) {
            select(a, b.user);
            a.click("callButton");
            b.await("incoming call", () -> b.showing("declineButton"));
            b.click("declineButton");
            a.await("declined notice", () -> toastSays(a, b.user + " declined the call."));
            a.await("back home", () -> !a.window.callScreen().isVisible());
            b.await("back home", () -> !b.window.callScreen().isVisible());
            a.await("history", () -> historyHas(a, b.user, CallOutcome.DECLINED));
        }
    }

    @Test
    void cancelledCallIsAMissedCallForTheCallee() throws Exception {
        RunningRelay relay = UiRelays.shared();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("al"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bi"), relay)) {
            select(a, b.user);
            a.click("callButton");
            b.await("incoming call", () -> b.showing("acceptButton"));
            a.click("cancelCallButton");
            b.await("ringing stops", () -> !b.window.callScreen().isVisible()
                    && b.window.calls().ringtone().playing() == null);
            b.await("missed notice", () -> toastSays(b, "Missed call from " + a.user + "."));
            b.await("history", () -> historyHas(b, a.user, CallOutcome.CANCELLED));
            ListView<CallView> list = b.node("historyList");
            b.robot().interact(() -> b.window.home().tabs().getSelectionModel().select(2)); // Recent
            CallView c = TestWindow.fx(() -> list.getItems().get(0));
            b.await("row", () -> b.showing("history-" + c.callId()));
            assertThat(TestWindow.fx(() -> b.<javafx.scene.Node>node("history-" + c.callId())
                    .getStyleClass().contains("history-missed"))).isTrue();
        }
    }

    @Test
    void unansweredCallIsMissed() throws Exception {
        RunningRelay relay = UiRelays.shared();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("abe"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bex"), relay)) {
            select(a, b.user);
            a.click("callButton");
            b.await("incoming call", () -> b.showing("acceptButton"));
            // nobody answers: the relay's ring timeout (short in tests) ends it as missed
            a.await("no answer notice", UiRelays.RING_TIMEOUT.plusSeconds(10),
                    () -> toastSays(a, b.user + " did not answer."));
            b.await("missed notice", () -> toastSays(b, "Missed call from " + a.user + "."));
            b.await("history", () -> historyHas(b, a.user, CallOutcome.MISSED));
        }
    }

    @Test
    void callingSomeoneInACallIsBusy() throws Exception {
        RunningRelay relay = UiRelays.shared();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("ari"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bel"), relay);
             TestWindow c = TestWindow.signedUp(TestWindow.uniqueUser("cid"), relay)) {
            select(a, b.user);
            a.click("callButton");
            b.await("incoming call", () -> b.showing("acceptButton"));
            b.click("acceptButton");
            a.await("in call", () -> a.showing("hangupButton"));
            c.await(a.user + " in a call", () -> presenceOf(c, a.user) == Presence.IN_CALL);
            select(c, a.user);
            c.click("callButton");
            c.await("busy notice", () -> toastSays(c, a.user + " is busy in another call."));
            c.await("history", () -> historyHas(c, a.user, CallOutcome.BUSY));
            assertThat(a.window.callScreen().inCall().isVisible()).isTrue();
            a.click("hangupButton");
        }
    }
}
