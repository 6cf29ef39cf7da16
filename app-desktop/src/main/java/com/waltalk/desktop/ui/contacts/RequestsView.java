package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.FxSession;
import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The people who are not (yet) contacts, in three sections: requests to me with Accept, Decline and Block;
 * my own requests ("Waiting for X") with Cancel; and the people I block, with Unblock. Rows are plain
 * boxes of real buttons (not list cells), so Tab reaches every action; the lists are short.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class RequestsView extends ScrollPane {

    public RequestsView(FxSession session) {
        setId("requestsView");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("requests-view");
        SessionModel m = session.model();
        VBox content = new VBox(
                section("ASKED YOU", "incomingSection", session.incomingRequests(),
                        "Nobody is waiting for your answer.", user -> row(user, user + " wants to be your contact",
                                button("Accept", "acceptRequest-" + user, "accept", () -> m.acceptContact(user)),
                                button("Decline", "declineRequest-" + user, null, () -> m.declineContact(user)),
                                button("Block", "blockRequest-" + user, "danger-text", () -> m.blockContact(user)))),
                section("WAITING FOR AN ANSWER", "outgoingSection", session.outgoingRequests(),
                        "Requests you send wait here until they are accepted.", user -> row(user, "Waiting for " + user,
                                button("Cancel", "cancelRequest-" + user, null, () -> m.removeContact(user)))),
                section("BLOCKED", "blockedSection", session.blocked(),
                        "You block nobody. Blocked people cannot see, call or message you, and are not told.",
                        user -> row(user, user, button("Unblock", "unblock-" + user, null, () -> m.unblockContact(user)))));
        content.setFillWidth(true);
        setContent(content);
    }

    private static VBox section(String title, String id, ObservableList<String> names, String empty,
                                Function<String, Node> row) {
        Label header = new Label(title);
        header.getStyleClass().add("section-header");
        Label none = new Label(empty);
        none.setWrapText(true);
        none.getStyleClass().addAll("muted", "small", "empty-section");
        VBox rows = new VBox();
        rows.setId(id);
        Runnable fill = () -> {
            List<Node> nodes = names.stream().map(row).toList();
            rows.getChildren().setAll(nodes.isEmpty() ? List.of(none) : nodes);
        };
        names.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        return new VBox(header, rows);
    }

    private static HBox row(String user, String text, Button... actions) {
        Label words = new Label(text);
        words.getStyleClass().add("contact-name");
        words.setWrapText(true);
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        words.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(6, actions);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        VBox body = new VBox(6, words, buttons);
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox r = new HBox(new Avatar(user, 32, false), body);
        r.getStyleClass().add("contact-row");
        r.setId("request-" + user);
        return r;
    }

    private static Button button(String text, String id, String style, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("small-button");
        if (style != null) {
            b.getStyleClass().add(style);
        }
        b.setOnAction(e -> {
            // until the relay's answer replaces the row; again usable if the answer was a refusal (shown as a toast)
            b.setDisable(true);
            javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
            wait.setOnFinished(x -> b.setDisable(false));
            wait.play();
            action.run();
        });
        return b;
    }
}
