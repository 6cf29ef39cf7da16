package com.waltalk.desktop.ui.host;

import com.waltalk.desktop.host.HostService;
import com.waltalk.desktop.host.HostedRelay;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Host on this computer": starts the bundled relay and shows the address(es) the other computer should
 * enter, each with a copy button, plus "Use it here" to sign this window in to it.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class HostView extends VBox {

    private final HostService host;
    private final Label status = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final VBox addresses = new VBox(8);
    private final Button useHere = new Button("Use it in this window");
    private final Label hint = new Label();

    /** @param useHere receives the local relay address when the user wants to sign in to it here */
    public HostView(HostService host, Consumer<String> useHere) {
        this.host = host;
        setId("hostView");
        getStyleClass().add("settings-section");
        setPadding(new Insets(24));
        setSpacing(14);
        setPrefWidth(520);
        Label title = new Label("Host on this computer");
        title.getStyleClass().add("title");
        Label about = new Label("Runs a WalTalk relay with its own database inside this app, so another computer "
                + "on the same network can call this one — no server needed. It keeps running until you quit "
                + "WalTalk.");
        about.setWrapText(true);
        about.getStyleClass().add("muted");
        about.setMinHeight(Region.USE_PREF_SIZE);
        progress.setPrefSize(20, 20);
        status.setId("hostStatus");
        status.setWrapText(true);
        HBox statusRow = new HBox(10, progress, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        hint.setWrapText(true);
        hint.getStyleClass().addAll("small", "muted");
        hint.setMinHeight(Region.USE_PREF_SIZE);
        this.useHere.setId("hostUseHere");
        this.useHere.getStyleClass().add("primary");
        this.useHere.setDisable(true);
        this.useHere.setOnAction(e -> host.current().ifPresent(r -> useHere.accept(r.localUri())));
        getChildren().addAll(title, about, statusRow, addresses, hint, this.useHere);
    }

    /** Starts hosting (if not yet) and shows progress, then the addresses. */
    public void start() {
        status.setText("Starting the relay and its database…");
        progress.setVisible(true);
        host.start().whenComplete((relay, error) -> Platform.runLater(() -> {
            progress.setVisible(false);
            progress.setManaged(false);
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                status.setText("Could not start the relay: " + cause.getMessage());
                status.getStyleClass().addAll("message", "error");
                if (getScene() != null && getScene().getWindow() != null) {
                    getScene().getWindow().sizeToScene();
                }
            } else {
                showRunning(relay);
            }
        }));
    }

    private void showRunning(HostedRelay relay) {
        status.setText("Hosting. On the other computer, enter this relay address:");
        addresses.getChildren().clear();
        var uris = relay.networkUris();
        if (uris.isEmpty()) {
            addresses.getChildren().add(new Label("This computer has no network address; only this computer "
                    + "can connect (" + relay.localUri() + ")."));
        }
        for (String uri : uris) {
            TextField field = new TextField(uri);
            field.setEditable(false);
            field.getStyleClass().add("host-address");
            field.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
            HBox.setHgrow(field, Priority.ALWAYS);
            Button copy = new Button("Copy");
            copy.setOnAction(e -> {
                ClipboardContent c = new ClipboardContent();
                c.putString(uri);
                Clipboard.getSystemClipboard().setContent(c);
                copy.setText("Copied");
            });
            HBox row = new HBox(8, field, copy);
            row.setAlignment(Pos.CENTER_LEFT);
            addresses.getChildren().add(row);
        }
        hint.setText("Both computers must be on the same network, and a firewall must allow incoming "
                + "connections on TCP port " + relay.port() + ". The connection is not encrypted (ws://): use it "
                + "on networks you trust. Data: " + host.dataDir());
        useHere.setDisable(false);
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().sizeToScene(); // the addresses made the content taller
        }
    }
}
