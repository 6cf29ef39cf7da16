package com.waltalk.desktop.ui.shell;

import com.waltalk.desktop.session.ConnectionState;
import com.waltalk.desktop.session.ConnectionStatus;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The yellow "Connection lost — reconnecting…" strip shown while the session retries, with the attempt
 * count and a countdown to the next try. The rest of the window stays usable. Use on the JavaFX thread.
 */
public final class ReconnectBanner extends HBox {

    private final Label text = new Label();
    private final Timeline countdown;
    private ConnectionStatus status = ConnectionStatus.INITIAL;

    public ReconnectBanner(ObservableValue<ConnectionStatus> connection) {
        getStyleClass().add("banner");
        setId("reconnectBanner");
        text.setId("reconnectText");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        getChildren().addAll(spinner, text);
        managedProperty().bind(visibleProperty());
        countdown = new Timeline(new KeyFrame(Duration.millis(500), e -> refresh()));
        countdown.setCycleCount(Animation.INDEFINITE);
        connection.addListener((o, was, now) -> show(now));
        show(connection.getValue());
    }

    private void show(ConnectionStatus s) {
        status = s;
        boolean reconnecting = s.state() == ConnectionState.RECONNECTING;
        setVisible(reconnecting);
        if (reconnecting) {
            refresh();
            countdown.play();
        } else {
            countdown.stop();
        }
    }

    private void refresh() {
        long wait = status.nextAttemptAtMillis() - System.currentTimeMillis();
        String when = status.reconnectAttempt() == 0 || wait <= 0 ? "" : " Next try in " + ((wait + 999) / 1000)
                + " s (attempt " + (status.reconnectAttempt() + 1) + ").";
        text.setText("Connection to the relay lost — reconnecting…" + when);
    }
}
