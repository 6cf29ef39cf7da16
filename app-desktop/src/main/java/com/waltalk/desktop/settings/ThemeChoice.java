package com.waltalk.desktop.settings;

/** Which colour theme the window uses. */
public enum ThemeChoice {
    LIGHT("Light"),
    DARK("Dark");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
