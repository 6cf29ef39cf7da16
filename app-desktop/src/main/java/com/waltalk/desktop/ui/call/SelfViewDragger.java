package com.waltalk.desktop.ui.call;

import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.util.Duration;

/**
 * Lets the user drag the self-view anywhere over the peer's video; on release it glides to the nearest
 * corner (and stays in that corner when the window is resized). Use on the JavaFX thread.
 */
final class SelfViewDragger {

    static final double MARGIN = 16;

    private final Pane area;
    private final Node view;
    private Pos corner = Pos.BOTTOM_RIGHT;
    private double grabX;
    private double grabY;
    private boolean dragging;

    SelfViewDragger(Pane area, Node view) {
        this.area = area;
        this.view = view;
        view.setOnMousePressed(e -> {
            grabX = e.getSceneX() - view.getLayoutX();
            grabY = e.getSceneY() - view.getLayoutY();
            dragging = true;
        });
        view.setOnMouseDragged(e -> {
            double w = view.getLayoutBounds().getWidth();
            double h = view.getLayoutBounds().getHeight();
            view.relocate(clamp(e.getSceneX() - grabX, 0, area.getWidth() - w),
                    clamp(e.getSceneY() - grabY, 0, area.getHeight() - h));
        });
        view.setOnMouseReleased(e -> {
            dragging = false;
            snap(true);
        });
        area.widthProperty().addListener((o, a, b) -> snap(false));
        area.heightProperty().addListener((o, a, b) -> snap(false));
        view.layoutBoundsProperty().addListener((o, a, b) -> snap(false));
    }

    /** The corner the view sits in. */
    Pos corner() {
        return corner;
    }

    /** Puts the view into the nearest corner (animated after a drag). */
    void snap(boolean animate) {
        if (dragging) {
            return;
        }
        double w = view.getLayoutBounds().getWidth();
        double h = view.getLayoutBounds().getHeight();
        double cx = view.getLayoutX() + w / 2;
        double cy = view.getLayoutY() + h / 2;
        if (animate) {
            boolean left = cx < area.getWidth() / 2;
            boolean top = cy < area.getHeight() / 2;
            corner = top ? (left ? Pos.TOP_LEFT : Pos.TOP_RIGHT) : (left ? Pos.BOTTOM_LEFT : Pos.BOTTOM_RIGHT);
        }
        double left = MARGIN;
        double right = Math.max(MARGIN, area.getWidth() - w - MARGIN);
        double top = MARGIN;
        double bottom = Math.max(MARGIN, area.getHeight() - h - MARGIN - 84); // above the control bar
        double x = switch (corner) {
            case TOP_LEFT, BOTTOM_LEFT -> left;
            default -> right;
        };
        double y = switch (corner) {
            case TOP_LEFT, TOP_RIGHT -> top + 40; // below the name and timer
            default -> bottom;
        };
        if (animate) {
            new Timeline(new KeyFrame(Duration.millis(180),
                    new KeyValue(view.layoutXProperty(), x, Interpolator.EASE_OUT),
                    new KeyValue(view.layoutYProperty(), y, Interpolator.EASE_OUT))).play();
        } else {
            view.relocate(x, y);
        }
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
