package com.waltalk.desktop.ui.common;

import com.waltalk.desktop.settings.ThemeChoice;
import java.util.Objects;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;

/**
 * Applies the WalTalk stylesheet to a scene and keeps its light/dark variant in step with a setting.
 * Use on the JavaFX thread.
 */
public final class Theme {

    public static final String STYLESHEET = Objects.requireNonNull(
            Theme.class.getResource("waltalk.css"), "waltalk.css missing").toExternalForm();

    private Theme() {
    }

    /** Adds the stylesheet and follows {@code choice} from now on. */
    public static void apply(Scene scene, ObservableValue<ThemeChoice> choice) {
        scene.getStylesheets().add(STYLESHEET);
        set(scene, choice.getValue());
        choice.addListener((obs, old, now) -> set(scene, now));
        scene.rootProperty().addListener((obs, old, now) -> set(scene, choice.getValue()));
    }

    public static void set(Scene scene, ThemeChoice choice) {
        var classes = scene.getRoot().getStyleClass();
        classes.remove("dark");
        if (choice == ThemeChoice.DARK) {
            classes.add("dark");
        }
    }
}
