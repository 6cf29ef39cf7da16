package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.Formats;
import com.waltalk.desktop.ui.common.Icons;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A call history entry: who, direction icon, outcome and duration, when. Missed calls in red. */
final class HistoryCell extends ListCell<CallView> {

    HistoryCell() {
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(CallView c, boolean empty) {
        super.updateItem(c, empty);
        if (empty || c == null) {
            setGraphic(null);
            return;
        }
        boolean missed = CallDescriptions.missedByMe(c);
        Node icon = Icons.of(missed ? Icons.MISSED : c.outgoing() ? Icons.OUTGOING : Icons.INCOMING, 14);
        icon.lookupAll(".icon").forEach(n -> n.getStyleClass().add("history-icon"));
        Label name = new Label(c.peer());
        name.getStyleClass().add("contact-name");
        name.setMinWidth(0);
        Label detail = new Label(CallDescriptions.detail(c));
        detail.getStyleClass().addAll("history-detail", "small", "muted");
        detail.setMinWidth(0);
        HBox detailRow = new HBox(5, icon, detail);
        detailRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox words = new VBox(1, name, detailRow);
        words.setMinWidth(0);
        HBox.setHgrow(words, Priority.ALWAYS);
        Label when = new Label(Formats.when(c.createdAt()));
        when.getStyleClass().addAll("small", "muted");
        when.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(new Avatar(c.peer(), 32), words, when);
        row.getStyleClass().add("history-row");
        if (missed) {
            row.getStyleClass().add("history-missed");
        }
        row.setId("history-" + c.callId());
        setGraphic(row);
    }
}
