package com.waltalk.desktop.ui.common;

import com.waltalk.desktop.session.Presence;

/** Maps the session's presence to its look. Stateless. */
public final class Presences {

    private Presences() {
    }

    public static PresenceLook look(Presence p) {
        if (p == null) {
            return PresenceLook.OFFLINE;
        }
        return switch (p) {
            case ONLINE -> PresenceLook.ONLINE;
            case IN_CALL -> PresenceLook.IN_CALL;
            case OFFLINE -> PresenceLook.OFFLINE;
        };
    }
}
