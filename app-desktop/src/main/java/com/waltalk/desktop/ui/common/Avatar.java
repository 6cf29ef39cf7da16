package com.waltalk.desktop.ui.common;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * A round avatar with the user's initials on a colour derived from the name (the same name always
 * gets the same colour), optionally with a presence dot at the lower right.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class Avatar extends StackPane {

    private static final Color[] PALETTE = {
        Color.web("#2563eb"), Color.web("#7c3aed"), Color.web("#db2777"), Color.web("#ea580c"),
        Color.web("#0d9488"), Color.web("#4f46e5"), Color.web("#0891b2"), Color.web("#65a30d"),
        Color.web("#c026d3"), Color.web("#b45309"),
    };

    private final PresenceDot dot;

    public Avatar(String name, double diameter) {
        this(name, diameter, false);
    }

    public Avatar(String name, double diameter, boolean withPresence) {
        getStyleClass().add("avatar");
        Circle circle = new Circle(diameter / 2, colourFor(name));
        circle.getStyleClass().add("avatar-circle");
        Label initials = new Label(initials(name));
        initials.getStyleClass().add("avatar-initials");
        initials.setStyle("-fx-font-size: " + Math.round(diameter * 0.38) + "px;");
        getChildren().addAll(circle, initials);
        setMinSize(diameter, diameter);
        setPrefSize(diameter, diameter);
        setMaxSize(diameter, diameter);
        if (withPresence) {
            dot = new PresenceDot(Math.max(5, diameter * 0.15));
            StackPane.setAlignment(dot, Pos.BOTTOM_RIGHT);
            getChildren().add(dot);
        } else {
            dot = null;
        }
    }

    /** The presence dot, or null if this avatar has none. */
    public PresenceDot presenceDot() {
        return dot;
    }

    /** Up to two letters: first letters of the first two words ("ada lovelace" → "AL"), else the first two. */
    public static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        String[] words = name.trim().split("[\\s._-]+");
        String s;
        if (words.length >= 2 && !words[0].isEmpty() && !words[1].isEmpty() && Character.isLetter(words[1].charAt(0))) {
            s = words[0].substring(0, 1) + words[1].substring(0, 1);
        } else {
            s = name.trim().substring(0, 1);
        }
        return s.toUpperCase(Locale.ROOT);
    }

    public static Color colourFor(String name) {
        int h = name == null ? 0 : name.hashCode();
        return PALETTE[Math.floorMod(h, PALETTE.length)];
    }
}
