package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.ContactCommand;
import com.waltalk.desktop.session.ContactLists;
import com.waltalk.desktop.session.Relation;
import com.waltalk.desktop.session.SessionEvent;
import com.waltalk.desktop.ui.common.FailureText;
import com.waltalk.desktop.ui.common.FxSession;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * "Add contact": a field for the other person's exact user name and a button (Enter in the field does the
 * same). There is no search and no listing on the relay, so the name must be exact (any case). The line
 * below says what happened: "Request sent to X" once the relay confirms it, "X is now your contact" when
 * they had asked too, or why not ("Nobody is called X on this relay", the daily limit...).
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class AddContactBar extends VBox {

    private final FxSession session;
    private final TextField name = new TextField();
    private final Button add = new Button("Add");
    private final Label feedback = new Label();
    // the name sent last, until the relay's answer arrives
    private String pending;

    public AddContactBar(FxSession session) {
        this.session = session;
        getStyleClass().add("add-contact");
        name.setId("addContactField");
        name.setPromptText("Add contact: exact name");
        name.setAccessibleText("User name of the contact to add");
        name.setOnAction(e -> submit());
        HBox.setHgrow(name, Priority.ALWAYS);
        add.setId("addContactButton");
        add.getStyleClass().add("primary");
        add.setTooltip(new Tooltip("Send a contact request (Enter)"));
        add.setOnAction(e -> submit());
        add.disableProperty().bind(name.textProperty().isEmpty()
                .or(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> !session.connectionProperty().get().signedIn(), session.connectionProperty())));
        HBox row = new HBox(8, name, add);
        row.setAlignment(Pos.CENTER_LEFT);
        feedback.setId("addContactFeedback");
        feedback.setWrapText(true);
        feedback.getStyleClass().add("small");
        feedback.managedProperty().bind(feedback.textProperty().isNotEmpty());
        feedback.visibleProperty().bind(feedback.textProperty().isNotEmpty());
        getChildren().addAll(row, feedback);
        setSpacing(4);

        session.contactListsProperty().addListener((o, was, now) -> answered(now));
        session.onCommandFailure(this::failed);
    }

    /** Sends a request for the name in the field, unless the lists already say how it stands. */
    public void submit() {
        String who = name.getText() == null ? "" : name.getText().strip();
        if (who.isEmpty()) {
            show("Type the exact user name of the person to add.", true);
            return;
        }
        Optional<Relation> now = session.contactListsProperty().get().relation(who);
        if (now.isPresent() && now.get() != Relation.INCOMING) {
            show(switch (now.get()) {
                case CONTACT -> who + " is already your contact.";
                case OUTGOING -> "You already asked " + who + ". Waiting for them to accept.";
                case BLOCKED -> "You block " + who + ". Unblock them under Requests first.";
                default -> "";
            }, false);
            return;
        }
        pending = who;
        show("Asking " + who + "…", false);
        session.model().addContact(who);
    }

    private void answered(ContactLists lists) {
        if (pending == null) {
            return;
        }
        Optional<Relation> r = lists.relation(pending);
        if (r.isPresent() && (r.get() == Relation.OUTGOING || r.get() == Relation.CONTACT)) {
            String shown = spelling(lists, pending, r.get());
            show(r.get() == Relation.CONTACT ? shown + " is now your contact."
                    : "Request sent to " + shown + ". They appear in your contacts once they accept.", false);
            pending = null;
            name.clear();
        }
    }

    private void failed(SessionEvent.CommandFailed e) {
        if (pending == null || !ContactCommand.ADD.command().equals(e.command())
                || e.subject() == null || !e.subject().equalsIgnoreCase(pending)) {
            return;
        }
        pending = null;
        show(FailureText.forCommand(e.command(), e.subject(), e.failure()), true);
        name.selectAll();
        name.requestFocus();
    }

    // the relay's spelling of the name
    private static String spelling(ContactLists lists, String typed, Relation r) {
        String key = typed.toLowerCase(Locale.ROOT);
        return (r == Relation.CONTACT ? lists.contacts().stream().map(c -> c.user()) : lists.outgoing().stream())
                .filter(u -> u.toLowerCase(Locale.ROOT).equals(key)).findFirst().orElse(typed);
    }

    private void show(String text, boolean error) {
        feedback.setText(text);
        feedback.getStyleClass().removeAll("error-text", "muted");
        feedback.getStyleClass().add(error ? "error-text" : "muted");
    }

    public TextField field() {
        return name;
    }

    public Button button() {
        return add;
    }

    public Label feedback() {
        return feedback;
    }
}
