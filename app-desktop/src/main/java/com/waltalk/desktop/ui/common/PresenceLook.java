package com.waltalk.desktop.ui.common;

import java.util.Arrays;
import java.util.List;

/** How a presence status is shown: its style class and its words. */
public enum PresenceLook {
    ONLINE("online", "Online"),
    IN_CALL("in-call", "In a call"),
    OFFLINE("offline", "Offline");

    private final String styleClass;
    private final String text;

    PresenceLook(String styleClass, String text) {
        this.styleClass = styleClass;
        this.text = text;
    }

    public String styleClass() {
        return styleClass;
    }

    public String text() {
        return text;
    }

    static List<String> styleClasses() {
        return Arrays.stream(values()).map(PresenceLook::styleClass).toList();
    }
}
