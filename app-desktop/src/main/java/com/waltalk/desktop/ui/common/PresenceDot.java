package com.waltalk.desktop.ui.common;

import javafx.scene.shape.Circle;

/**
 * The small coloured dot for a user's presence: green online, amber in a call, grey offline.
 * Create and use on the JavaFX thread.
 */
public final class PresenceDot extends Circle {

    public PresenceDot(double radius) {
        super(radius);
        getStyleClass().add("presence-dot");
        show(PresenceLook.OFFLINE);
    }

    public void show(PresenceLook look) {
        getStyleClass().removeAll(PresenceLook.styleClasses());
        getStyleClass().add(look.styleClass());
    }
}
