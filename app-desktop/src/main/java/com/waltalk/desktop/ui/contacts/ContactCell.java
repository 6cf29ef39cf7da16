package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.Contact;
import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.PresenceLook;
import com.waltalk.desktop.ui.common.Presences;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A contact in the list: avatar with presence dot, name, presence in words, unread chat count. */
final class ContactCell extends ListCell<Contact> {

    private final FxSession session;
    ContactCell(FxSession session) {
        this.session = session;
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Contact c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        PresenceLook look = Presences.look(c.presence());
        Avatar avatar = new Avatar(c.user(), 36, true);
        avatar.presenceDot().show(look);
        Label name = new Label(c.user());
        name.getStyleClass().add("contact-name");
        name.setMinWidth(0);
        Label status = new Label(look.text());
        status.getStyleClass().addAll("presence-text", look.styleClass(), "small");
        VBox words = new VBox(1, name, status);
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox row = new HBox(avatar, words);
        row.getStyleClass().add("contact-row");
        int unread = session.conversation(c.user()).map(x -> x.unread()).orElse(0);
        if (unread > 0) {
            Label badge = new Label(unread > 99 ? "99+" : Integer.toString(unread));
            badge.getStyleClass().add("badge");
            badge.setId("unread-" + c.user());
            badge.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(badge);
        }
        row.setId("contact-" + c.user());
        setGraphic(row);
    }
}
