package com.waltalk.desktop.ui.chat;

import com.waltalk.desktop.session.ChatLine;
import com.waltalk.desktop.ui.common.Formats;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** One chat message as a bubble: mine on the right in the accent colour, theirs on the left. */
final class ChatBubbleCell extends ListCell<ChatLine> {

    private final Label bubble = new Label();
    private final Label time = new Label();
    private final VBox box = new VBox(2, bubble, time);

    ChatBubbleCell(ListView<ChatLine> list) {
        bubble.getStyleClass().add("bubble");
        bubble.setWrapText(true);
        bubble.maxWidthProperty().bind(list.widthProperty().multiply(0.72));
        bubble.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        time.getStyleClass().add("bubble-time");
        box.setPadding(new Insets(3, 12, 3, 12));
        box.setFillWidth(false);
        setPrefWidth(0); // never wider than the list: no horizontal scroll bar
    }

    @Override
    protected void updateItem(ChatLine line, boolean empty) {
        super.updateItem(line, empty);
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        bubble.setText(line.body());
        bubble.getStyleClass().removeAll("mine", "theirs");
        bubble.getStyleClass().add(line.outgoing() ? "mine" : "theirs");
        time.setText(line.pending() ? "Sending…" : Formats.timeOfDay(line.sentAt()));
        bubble.setOpacity(line.pending() ? 0.65 : 1);
        box.setAlignment(line.outgoing() ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        setGraphic(box);
    }
}
