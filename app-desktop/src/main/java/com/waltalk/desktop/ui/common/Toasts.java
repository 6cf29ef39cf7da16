package com.waltalk.desktop.ui.common;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Short in-app notifications that float at the top right of the window and fade out by themselves
 * (busy, declined, missed, "message from …" when no desktop notification is possible).
 *
 * <p>The layer is a transparent pane meant to sit above the window's content in a StackPane; it
 * lets clicks through except on the toasts. Use on the JavaFX thread.
 */
public final class Toasts extends VBox {

    public Toasts() {
        setPickOnBounds(false);
        setSpacing(8);
        setPadding(new Insets(16));
        setAlignment(Pos.TOP_RIGHT);
        setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        StackPane.setAlignment(this, Pos.TOP_RIGHT);
        getStyleClass().add("toasts");
    }

    /** Shows a toast for about five seconds. */
    public void show(String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add("toast-title");
        Label body = new Label(text);
        body.setWrapText(true);
        VBox words = new VBox(2, t, body);
        HBox.setHgrow(words, Priority.ALWAYS);
        Button close = new Button();
        close.setGraphic(Icons.of(Icons.CLOSE, 14));
        close.getStyleClass().addAll("flat", "toast-close");
        close.setStyle("-fx-padding: 2;");
        close.getGraphic().lookupAll(".icon").forEach(n -> n.setStyle("-fx-fill: white;"));
        HBox toast = new HBox(words, close);
        toast.getStyleClass().add("toast");
        toast.setMaxWidth(420);
        toast.setMinWidth(280);
        close.setOnAction(e -> getChildren().remove(toast));
        getChildren().add(toast);
        if (getChildren().size() > 4) {
            getChildren().remove(0);
        }
        FadeTransition out = new FadeTransition(Duration.millis(400), toast);
        out.setToValue(0);
        SequentialTransition life = new SequentialTransition(new PauseTransition(Duration.seconds(5)), out);
        life.setOnFinished(e -> getChildren().remove(toast));
        life.play();
    }
}
