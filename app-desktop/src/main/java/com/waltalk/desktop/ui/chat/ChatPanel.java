package com.waltalk.desktop.ui.chat;

import com.waltalk.desktop.session.ChatLine;
import com.waltalk.desktop.session.Conversation;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.Icons;
import com.waltalk.protocol.Limits;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The messages with one peer and a line to write a new one. Used beside the contacts and inside a call.
 * While it is on screen in a focused window, incoming messages count as read.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class ChatPanel extends VBox {

    private final FxSession session;
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final ListView<ChatLine> list = new ListView<>(lines);
    private final TextField input = new TextField();
    private final Button send = new Button();
    private final BooleanProperty reading = new SimpleBooleanProperty(true);
    private String peer;

    /**
     * @param header   shown above the messages, or null
     * @param idPrefix prefix of the node ids ({@code chatInput}, {@code chatSend}, {@code chatMessages}), so
     *                 two panels in one window stay distinguishable
     */
    public ChatPanel(FxSession session, Node header, String idPrefix) {
        this.session = session;
        getStyleClass().add("chat-panel");
        list.setId(idPrefix + "chatMessages");
        list.setFocusTraversable(false);
        list.setCellFactory(v -> new ChatBubbleCell(list));
        Label empty = new Label("No messages yet. Say hello!");
        empty.getStyleClass().add("muted");
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);

        input.setId(idPrefix + "chatInput");
        input.setPromptText("Write a message…");
        input.setOnAction(e -> sendNow());
        input.textProperty().addListener((o, was, now) -> {
            // the protocol's limit, counted like the relay counts it: in code points
            if (now != null && now.codePointCount(0, now.length()) > Limits.MAX_CHAT_CHARS) {
                input.setText(was);
            }
        });
        HBox.setHgrow(input, Priority.ALWAYS);
        send.setId(idPrefix + "chatSend");
        send.setGraphic(Icons.of(Icons.SEND, 18));
        send.getStyleClass().add("primary");
        send.setTooltip(new Tooltip("Send (Enter)"));
        send.disableProperty().bind(Bindings.createBooleanBinding(
                () -> input.getText() == null || input.getText().isBlank(), input.textProperty()));
        send.setOnAction(e -> sendNow());
        HBox inputBar = new HBox(input, send);
        inputBar.getStyleClass().add("chat-input-bar");
        inputBar.setAlignment(Pos.CENTER);

        if (header != null) {
            getChildren().add(header);
        }
        getChildren().addAll(list, inputBar);

        session.conversations().addListener((MapChangeListener<String, Conversation>) change -> {
            if (change.getKey().equals(peer) && change.wasAdded()) {
                show(change.getValueAdded());
            }
        });
        reading.addListener((o, was, now) -> markReadIfShown());
        sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, w0, w) -> {
                    if (w != null) {
                        w.focusedProperty().addListener((o3, f0, f) -> markReadIfShown());
                    }
                });
            }
        });
    }

    /** Shows the conversation with {@code peer} (null clears it). */
    public void setPeer(String peer) {
        this.peer = peer;
        input.clear();
        if (peer == null) {
            lines.clear();
            return;
        }
        show(session.conversation(peer).orElse(new Conversation(peer, List.of(), 0)));
    }

    public String peer() {
        return peer;
    }

    /**
     * Whether the user can see this panel right now (false while it is collapsed); incoming messages are
     * marked read only while this is true, the panel is in a scene and its window has focus.
     */
    public BooleanProperty readingProperty() {
        return reading;
    }

    public TextField input() {
        return input;
    }

    private void show(Conversation c) {
        boolean atEnd = lines.isEmpty() || lines.size() != c.lines().size();
        lines.setAll(c.lines());
        if (atEnd && !lines.isEmpty()) {
            list.scrollTo(lines.size() - 1);
        }
        if (c.unread() > 0) {
            markReadIfShown();
        }
    }

    private void markReadIfShown() {
        if (peer == null || !reading.get() || getScene() == null || getScene().getWindow() == null
                || !getScene().getWindow().isFocused() || !isVisible()) {
            return;
        }
        if (session.conversation(peer).map(Conversation::unread).orElse(0) > 0) {
            session.model().markChatRead(peer);
        }
    }

    private void sendNow() {
        String text = input.getText();
        if (peer == null || text == null || text.isBlank()) {
            return;
        }
        session.model().sendChat(peer, text.strip());
        input.clear();
    }
}
