package com.waltalk.desktop.ui.settings;

import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.settings.ThemeChoice;
import com.waltalk.runtime.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings: camera with a live preview, microphone with a level meter, speaker with a test sound,
 * theme, ringtone and notifications. Every change is saved at once (the settings are persistent
 * properties). The preview and meter run only while this view is showing ({@link #startPreview} /
 * {@link #stopPreview}).
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class SettingsView extends ScrollPane {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsView.class);
    static final String DEFAULT_DEVICE = "System default";

    private final AppSettings settings;
    private final MediaDevices devices;
    private final ComboBox<String> camera = new ComboBox<>();
    private final ComboBox<String> microphone = new ComboBox<>();
    private final ComboBox<String> speaker = new ComboBox<>();
    private final ComboBox<ThemeChoice> theme = new ComboBox<>(FXCollections.observableArrayList(ThemeChoice.values()));
    private final ImageView preview = new ImageView();
    private final Label previewEmpty = new Label("No camera found");
    private final ProgressBar level = new ProgressBar(0);
    private final List<AutoCloseable> running = new ArrayList<>();
    private final AtomicLong levelBits = new AtomicLong();
    private volatile boolean levelQueued;

    public SettingsView(AppSettings settings, MediaDevices devices) {
        this.settings = settings;
        this.devices = devices;
        setId("settingsView");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        Label title = new Label("Settings");
        title.getStyleClass().add("title");

        camera.setId("cameraChoice");
        microphone.setId("microphoneChoice");
        speaker.setId("speakerChoice");
        theme.setId("themeChoice");
        for (ComboBox<?> c : List.of(camera, microphone, speaker, theme)) {
            c.setMaxWidth(Double.MAX_VALUE);
        }

        preview.setId("cameraPreview");
        preview.setFitWidth(320);
        preview.setFitHeight(180);
        preview.setPreserveRatio(true);
        previewEmpty.getStyleClass().add("small");
        StackPane previewBox = new StackPane(previewEmpty, preview);
        previewBox.getStyleClass().add("camera-preview");
        previewBox.setMinSize(320, 180);
        previewBox.setMaxSize(320, 180);
        previewEmpty.visibleProperty().bind(preview.imageProperty().isNull());

        level.setId("micLevel");
        level.getStyleClass().add("level-meter");
        level.setMaxWidth(Double.MAX_VALUE);
        level.setPrefHeight(10);

        Button test = new Button("Play test sound");
        test.setId("speakerTest");
        test.setOnAction(e -> devices.playTestSound(chosen(speaker)));

        CheckBox ringtone = new CheckBox("Ring on incoming calls");
        ringtone.setId("ringtoneBox");
        ringtone.selectedProperty().bindBidirectional(settings.ringtoneProperty());
        CheckBox notify = new CheckBox("Show a desktop notification when the window is in the background");
        notify.setId("notificationsBox");
        notify.selectedProperty().bindBidirectional(settings.notificationsProperty());
        notify.setWrapText(true);
        theme.valueProperty().bindBidirectional(settings.themeProperty());

        VBox content = new VBox(
                title,
                section("Camera", row("Camera", camera), previewBox),
                section("Microphone", row("Microphone", microphone), row("Input level", level)),
                section("Speaker", row("Speaker", speaker), new HBox(test)),
                section("Appearance and alerts", row("Theme", theme), ringtone, notify));
        content.setSpacing(8);
        content.setPadding(new Insets(20, 24, 24, 24));
        content.setMaxWidth(640);
        setContent(content);
    }

    private static VBox section(String name, Node... rows) {
        Label l = new Label(name.toUpperCase());
        l.getStyleClass().add("settings-header");
        VBox box = new VBox(10);
        box.getChildren().add(l);
        box.getChildren().addAll(rows);
        box.getStyleClass().add("card");
        box.setPadding(new Insets(16));
        VBox.setMargin(box, new Insets(8, 0, 0, 0));
        return box;
    }

    private static Node row(String label, Node control) {
        Label l = new Label(label);
        l.setMinWidth(110);
        l.setPrefWidth(110);
        HBox.setHgrow(control, Priority.ALWAYS);
        HBox row = new HBox(12, l, control);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Lists the devices (off the JavaFX thread) and starts the preview and the level meter. */
    public void startPreview() {
        stopPreview();
        Threads.startDaemon("settings-devices", () -> {
            List<String> cams = safe(devices::cameras);
            List<String> mics = safe(devices::microphones);
            List<String> spks = safe(devices::speakers);
            Platform.runLater(() -> {
                fill(camera, cams, settings.cameraProperty(), false);
                fill(microphone, mics, settings.microphoneProperty(), true);
                fill(speaker, spks, settings.speakerProperty(), true);
                restartCamera();
                restartMeter();
            });
        });
    }

    private static List<String> safe(java.util.function.Supplier<List<String>> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            LOG.info("Cannot list devices: {}", e.toString());
            return List.of();
        }
    }

    private void fill(ComboBox<String> box, List<String> names, StringProperty setting, boolean withDefault) {
        box.setOnAction(null);
        List<String> items = new ArrayList<>();
        if (withDefault || names.isEmpty()) {
            items.add(DEFAULT_DEVICE);
        }
        items.addAll(names);
        box.getItems().setAll(items);
        String current = setting.get();
        box.setValue(current != null && items.contains(current) ? current : items.get(0));
        box.setOnAction(e -> {
            setting.set(chosen(box));
            if (box == camera) {
                restartCamera();
            } else if (box == microphone) {
                restartMeter();
            }
        });
    }

    private static String chosen(ComboBox<String> box) {
        String v = box.getValue();
        return v == null || v.equals(DEFAULT_DEVICE) ? null : v;
    }

    private void restartCamera() {
        closeAll(running.stream().filter(c -> c instanceof CameraHandle).toList());
        preview.setImage(null);
        running.add(new CameraHandle(devices.previewCamera(chosen(camera), preview)));
    }

    private void restartMeter() {
        closeAll(running.stream().filter(c -> c instanceof MeterHandle).toList());
        level.setProgress(0);
        running.add(new MeterHandle(devices.meterMicrophone(chosen(microphone), v -> {
            levelBits.set(Double.doubleToLongBits(v));
            if (!levelQueued) {
                levelQueued = true;
                Platform.runLater(() -> {
                    levelQueued = false;
                    level.setProgress(Math.max(0, Math.min(1, Double.longBitsToDouble(levelBits.get()))));
                });
            }
        })));
    }

    /** Stops the camera preview and the level meter (the devices are released). */
    public void stopPreview() {
        closeAll(List.copyOf(running));
    }

    private void closeAll(List<AutoCloseable> handles) {
        for (AutoCloseable h : handles) {
            running.remove(h);
            try {
                h.close();
            } catch (Exception e) {
                LOG.debug("closing preview: {}", e.toString());
            }
        }
    }

    public ProgressBar levelMeter() {
        return level;
    }

    public ImageView cameraPreview() {
        return preview;
    }

    private record CameraHandle(AutoCloseable inner) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            inner.close();
        }
    }

    private record MeterHandle(AutoCloseable inner) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            inner.close();
        }
    }

}
