package com.waltalk.desktop.ui.call;

import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.Icons;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * A ringing call: the peer's avatar with a pulse, their name, and either "Cancel" (I am calling) or
 * "Decline" / "Accept" (they are calling me).
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class RingingView extends StackPane {

    private final Label name = new Label();
    private final Label status = new Label();
    private final StackPane avatarBox = new StackPane();
    private final Button cancel = roundButton("cancelCallButton", Icons.CALL_END, "danger", "Cancel (Esc)");
    private final Button decline = roundButton("declineButton", Icons.CALL_END, "danger", "Decline (Esc)");
    private final Button accept = roundButton("acceptButton", Icons.CALL, "accept", "Accept (Enter)");
    private final VBox cancelBox = labelled(cancel, "Cancel");
    private final VBox declineBox = labelled(decline, "Decline");
    private final VBox acceptBox = labelled(accept, "Accept");
    private final Circle pulse = new Circle(70);
    private final Timeline pulsing;

    public RingingView() {
        getStyleClass().add("call-stage");
        setId("ringingView");
        name.getStyleClass().add("call-title");
        name.setId("ringingPeer");
        status.getStyleClass().add("call-status");
        status.setId("ringingStatus");
        pulse.setFill(Color.TRANSPARENT);
        pulse.setStroke(Color.web("#ffffff", 0.5));
        pulse.setStrokeWidth(2);
        pulse.setManaged(false);
        avatarBox.getChildren().add(pulse);
        avatarBox.setMinSize(150, 150);
        avatarBox.setMaxSize(150, 150);
        pulse.setCenterX(75);
        pulse.setCenterY(75);
        pulsing = new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(pulse.radiusProperty(), 56), new KeyValue(pulse.opacityProperty(), 1)),
                new KeyFrame(Duration.seconds(1.4), new KeyValue(pulse.radiusProperty(), 78),
                        new KeyValue(pulse.opacityProperty(), 0)));
        pulsing.setCycleCount(Animation.INDEFINITE);

        HBox buttons = new HBox(48, cancelBox, declineBox, acceptBox);
        buttons.setAlignment(Pos.CENTER);
        VBox column = new VBox(14, avatarBox, name, status, spacer(), buttons);
        column.setAlignment(Pos.CENTER);
        getChildren().add(column);
        visibleProperty().addListener((o, was, now) -> {
            if (now) {
                pulsing.play();
            } else {
                pulsing.stop();
            }
        });
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        r.setMinHeight(28);
        return r;
    }

    static Button roundButton(String id, String icon, String style, String tip) {
        Button b = new Button();
        b.setId(id);
        b.setGraphic(Icons.of(icon, 26));
        b.getStyleClass().addAll("round-button", "large", style);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static VBox labelled(Button b, String text) {
        Label l = new Label(text);
        l.getStyleClass().add("small");
        VBox box = new VBox(8, b, l);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** Shows an outgoing call to {@code peer}. */
    public void showOutgoing(String peer) {
        show(peer, "Calling…");
        cancelBox.setVisible(true);
        cancelBox.setManaged(true);
        declineBox.setVisible(false);
        declineBox.setManaged(false);
        acceptBox.setVisible(false);
        acceptBox.setManaged(false);
    }

    /** Shows an incoming call from {@code peer}. */
    public void showIncoming(String peer) {
        show(peer, "is calling you…");
        cancelBox.setVisible(false);
        cancelBox.setManaged(false);
        declineBox.setVisible(true);
        declineBox.setManaged(true);
        acceptBox.setVisible(true);
        acceptBox.setManaged(true);
    }

    private void show(String peer, String what) {
        name.setText(peer);
        status.setText(what);
        if (avatarBox.getChildren().size() > 1) {
            avatarBox.getChildren().remove(1);
        }
        avatarBox.getChildren().add(new Avatar(peer, 112));
        if (isVisible()) {
            pulsing.play();
        }
    }

    public Button cancelButton() {
        return cancel;
    }

    public Button declineButton() {
        return decline;
    }

    public Button acceptButton() {
        return accept;
    }
}
