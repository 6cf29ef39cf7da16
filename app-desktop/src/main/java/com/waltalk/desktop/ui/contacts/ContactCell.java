package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.Contact;
import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.PresenceLook;
import com.waltalk.desktop.ui.common.Presences;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A contact in the list: avatar with presence dot, name, presence in words, unread chat count; its context
 * menu (right click, or the menu key / Shift+F10 on the selected row) calls, removes or blocks them.
 */
final class ContactCell extends ListCell<Contact> {

    private final FxSession session;
    private final Consumer<String> onCall;
    private final ContextMenu menu = new ContextMenu();

    ContactCell(FxSession session, Consumer<String> onCall) {
        this.session = session;
        this.onCall = onCall;
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Contact c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            setText(null);
            setContextMenu(null);
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
        setContextMenu(menuFor(c.user()));
    }

    private ContextMenu menuFor(String user) {
        MenuItem call = new MenuItem("Call " + user);
        call.setId("ctxCall");
        call.setOnAction(e -> onCall.accept(user));
        call.setDisable(session.currentCallProperty().get() != null);
        MenuItem remove = new MenuItem("Remove from contacts");
        remove.setId("ctxRemove");
        remove.setOnAction(e -> session.model().removeContact(user));
        MenuItem block = new MenuItem("Block " + user);
        block.setId("ctxBlock");
        block.setOnAction(e -> session.model().blockContact(user));
        menu.getItems().setAll(call, new SeparatorMenuItem(), remove, block);
        return menu;
    }
}
