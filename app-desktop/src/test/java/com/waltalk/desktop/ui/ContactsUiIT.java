package com.waltalk.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.session.CallOutcome;
import com.waltalk.desktop.session.Contact;
import com.waltalk.desktop.session.ContactLists;
import com.waltalk.desktop.session.Presence;
import com.waltalk.testing.RunningRelay;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.junit.jupiter.api.Test;

/**
 * Contacts and consent through the real windows, on a relay whose users start as strangers: adding by exact
 * name, the request on the other side (badge, toast, row), accept, decline, block (silent: the blocked side
 * keeps an offline contact and cannot reach), unblock, remove, an unknown name, and the keyboard-only path.
 */
class ContactsUiIT {

    private static ContactLists lists(TestWindow w) {
        return TestWindow.fx(() -> w.window.session().contactListsProperty().get());
    }

    private static Optional<Presence> presence(TestWindow w, String user) {
        return lists(w).contact(user).map(Contact::presence);
    }

    private static boolean toastSays(TestWindow w, String text) {
        return w.window.toasts().getChildren().stream().anyMatch(n -> n.lookupAll(".label").stream()
                .anyMatch(l -> ((Label) l).getText().contains(text)));
    }

    /** a asks b through the Add contact bar (mouse), and b sees the request. */
    private static void request(TestWindow a, TestWindow b) {
        a.type("addContactField", b.user);
        a.click("addContactButton");
        a.await("'request sent'", () -> a.text("addContactFeedback").startsWith("Request sent to " + b.user));
        b.await("request row", () -> b.has("acceptRequest-" + a.user));
    }

    @Test
    void addByNameAcceptSeePresenceAndCall() throws Exception {
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("ada"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bea"), relay)) {
            // strangers: empty lists that say what to do, no presence, no way to call
            a.await("list received", () -> lists(a).received());
            assertThat(lists(a).isEmpty()).isTrue();
            assertThat(TestWindow.fx(() -> ((Label) a.window.home().contactList().getPlaceholder()).getText()))
                    .contains("Add a contact by their exact user name");

            request(a, b);
            assertThat(lists(a).outgoing()).containsExactly(b.user);
            b.await("badge", () -> b.showing("requestsBadge") && b.text("requestsBadge").equals("1"));
            b.await("toast", () -> toastSays(b, a.user + " wants to be your contact"));
            b.await("requests tab shown", () -> b.window.home().tabs().getSelectionModel().getSelectedItem()
                    .getId().equals("requestsTab"));
            a.robot().interact(() -> a.window.home().tabs().getSelectionModel().select(1));
            a.await("waiting row", () -> a.showing("cancelRequest-" + b.user));
            assertThat(presence(b, a.user)).isEmpty();

            b.click("acceptRequest-" + a.user);
            a.await(b.user + " online in a's contacts", () -> presence(a, b.user).equals(Optional.of(Presence.ONLINE)));
            b.await(a.user + " online in b's contacts", () -> presence(b, a.user).equals(Optional.of(Presence.ONLINE)));
            b.await("badge gone", () -> !b.showing("requestsBadge"));
            a.await("accepted toast", () -> toastSays(a, b.user + " accepted your request"));
            assertThat(lists(a).outgoing()).isEmpty();
            assertThat(lists(b).incoming()).isEmpty();

            a.robot().interact(() -> a.window.home().tabs().getSelectionModel().select(0));
            a.await("contact row", () -> a.showing("contact-" + b.user));
            a.robot().interact(() -> a.window.home().select(b.user));
            a.await("call possible", () -> !a.<Node>node("callButton").isDisabled());
            a.clearToasts();
            a.click("callButton");
            try {
                b.await("rings", () -> b.showing("acceptButton"));
            } catch (AssertionError e) {
                System.out.println("DIAG toasts=" + TestWindow.fx(() -> a.window.toasts().getChildren().stream()
                        .flatMap(n -> n.lookupAll(".label").stream()).map(l -> ((Label) l).getText()).toList())
                        + " history=" + TestWindow.fx(() -> a.window.session().history()) + " lists=" + lists(a)
                        + " current=" + TestWindow.fx(() -> a.window.session().currentCallProperty().get()));
                throw e;
            }
            b.click("acceptButton");
            a.await("in call", () -> a.showing("hangupButton"));
            a.await(b.user + " in call", () -> presence(a, b.user).equals(Optional.of(Presence.IN_CALL)));
            a.click("hangupButton");
            b.await("call over", () -> !b.window.callScreen().isVisible());
        }
    }

    @Test
    void declineTakesTheRequestOffBothSides() throws Exception {
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("dan"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("dee"), relay)) {
            request(a, b);
            b.click("declineRequest-" + a.user);
            b.await("request gone", () -> lists(b).isEmpty() && !b.has("acceptRequest-" + a.user));
            a.await("waiting gone", () -> lists(a).isEmpty());
            // nothing lets them reach each other: the relay refuses a call, and the app says why
            a.robot().interact(() -> a.window.session().model().call(b.user));
            a.await("not a contact", () -> toastSays(a, b.user + " is not your contact yet"));
            assertThat(b.window.callScreen().isVisible()).isFalse();
        }
    }

    @Test
    void blockIsSilentUnblockAllowsAskingAgain() throws Exception {
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("bly"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("bez"), relay)) {
            TestWindow.makeContacts(a, b);
            // b blocks a with the visible menu of the selected contact
            b.robot().interact(() -> b.window.home().select(a.user));
            b.clearToasts();
            b.click("contactActions");
            b.chooseMenuItem("Block");
            b.await("a in b's blocked list", () -> lists(b).blocked().contains(a.user));
            assertThat(lists(b).isContact(a.user)).isFalse();
            b.robot().interact(() -> b.window.home().tabs().getSelectionModel().select(1));
            b.await("unblock button", () -> b.showing("unblock-" + a.user));

            // a is not told: b is still a's contact, offline, and a call is simply missed
            a.await(b.user + " offline for a", () -> presence(a, b.user).equals(Optional.of(Presence.OFFLINE)));
            a.robot().interact(() -> a.window.home().select(b.user));
            a.await("call button usable", () -> !a.<Node>node("callButton").isDisabled());
            a.clearToasts();
            a.click("callButton");
            a.await("missed", () -> a.window.session().history().stream()
                    .anyMatch(c -> c.peer().equals(b.user) && c.outcome() == CallOutcome.MISSED));
            // b was never rung
            assertThat(b.window.callScreen().isVisible()).isFalse();
            assertThat(b.window.calls().ringtone().playing()).isNull();

            // unblock: no relation is left on b's side, and they can become contacts again
            b.click("unblock-" + a.user);
            b.await("a off every list of b", () -> lists(b).relation(a.user).isEmpty());
            TestWindow.makeContacts(b, a);
            a.await(b.user + " online again", () -> presence(a, b.user).equals(Optional.of(Presence.ONLINE)));
        }
    }

    @Test
    void removeFromTheContextMenuLeavesTheOtherSideAnOfflineContact() throws Exception {
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("rem"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("rob"), relay)) {
            TestWindow.makeContacts(a, b);
            a.await("contact row", () -> a.showing("contact-" + b.user));
            // the keyboard way to a contact's menu: select the row, then Shift+F10
            a.clearToasts();
            a.click("contact-" + b.user);
            a.robot().push(KeyCode.SHIFT, KeyCode.F10);
            a.chooseMenuItem("Remove from contacts");
            a.await(b.user + " gone", () -> lists(a).relation(b.user).isEmpty() && !a.has("contact-" + b.user));
            b.await(a.user + " offline for b", () -> presence(b, a.user).equals(Optional.of(Presence.OFFLINE)));
            // a cannot call b any more: the button is off for someone who is not a contact
            a.robot().interact(() -> a.window.home().select(b.user));
            a.await("call disabled", () -> a.<Node>node("callButton").isDisabled()
                    && a.window.home().chat().input().isDisabled());
            assertThat(a.text("peerStatus")).isEqualTo("Not in your contacts");
        }
    }

    @Test
    void anUnknownNameIsExplained() throws Exception {
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("unk"), relay)) {
            String nobody = TestWindow.uniqueUser("nobody");
            a.type("addContactField", nobody);
            a.click("addContactButton");
            a.await("error", () -> a.text("addContactFeedback")
                    .startsWith("Nobody is called " + nobody + " on this relay."));
            assertThat(lists(a).isEmpty()).isTrue();
            a.type("addContactField", a.user);
            a.click("addContactButton");
            a.await("myself", () -> a.text("addContactFeedback").startsWith("That is your own name"));
        }
    }

    @Test
    void addingAndAcceptingByKeyboardOnly() throws Exception {
        RunningRelay relay = UiRelays.strangers();
        try (TestWindow a = TestWindow.signedUp(TestWindow.uniqueUser("kay"), relay);
             TestWindow b = TestWindow.signedUp(TestWindow.uniqueUser("kim"), relay)) {
            a.front();
            a.robot().push(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN));
            a.await("add field focused", () -> a.stage.getScene().getFocusOwner() == a.node("addContactField"));
            a.robot().write(b.user);
            a.robot().type(KeyCode.ENTER);
            a.await("'request sent'", () -> a.text("addContactFeedback").startsWith("Request sent to " + b.user));

            b.await("request row", () -> b.showing("acceptRequest-" + a.user));
            b.front();
            String accept = "acceptRequest-" + a.user;
            for (int i = 0; i < 40 && !focused(b, accept); i++) {
                b.robot().type(KeyCode.TAB);
            }
            assertThat(focused(b, accept)).as("Tab reaches Accept").isTrue();
            b.robot().type(KeyCode.SPACE);
            a.await("contacts", () -> presence(a, b.user).equals(Optional.of(Presence.ONLINE)));
            b.await("contacts", () -> presence(b, a.user).equals(Optional.of(Presence.ONLINE)));
        }
    }

    private static boolean focused(TestWindow w, String id) {
        return TestWindow.fx(() -> {
            Node f = w.stage.getScene().getFocusOwner();
            return f != null && id.equals(f.getId());
        });
    }
}
