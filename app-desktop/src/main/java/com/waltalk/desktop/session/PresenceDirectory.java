package com.waltalk.desktop.session;

import com.waltalk.protocol.control.Directory;
import com.waltalk.protocol.control.PresenceEntry;
import com.waltalk.protocol.control.PresenceStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The other users of the relay with their presence, from the relay's {@code directory} snapshot and its
 * {@code presence} changes; the signed-in user is left out.
 *
 * <p>Thread-safety: {@link #contacts()} may be called from any thread (a volatile snapshot); everything
 * else is confined to the session thread.
 */
final class PresenceDirectory {

    private final ConnectionCoordinator connection;
    private final SessionListeners listeners;

    // session thread only; sorted by name
    private final Map<String, Presence> directory = new TreeMap<>();

    // snapshot for the getter
    private volatile List<Contact> directorySnapshot = List.of();

    PresenceDirectory(ConnectionCoordinator connection, SessionListeners listeners) {
        this.connection = connection;
        this.listeners = listeners;
    }

    /** Every other user with their presence, sorted by name. */
    List<Contact> contacts() {
        return directorySnapshot;
    }

    /** The relay's whole directory (after each sign-in): replaces what is known. */
    void replace(Directory d) {
        String me = connection.me();
        directory.clear();
        for (PresenceEntry e : d.users()) {
            if (!e.user().equals(me)) {
                directory.put(e.user(), presence(e.status()));
            }
        }
        directoryChanged();
    }

    /** One user's presence changed (or a new user appeared). */
    void presenceChanged(com.waltalk.protocol.control.Presence p) {
        if (!p.user().equals(connection.me())
                && directory.put(p.user(), presence(p.status())) != presence(p.status())) {
            directoryChanged();
        }
    }

    /** Forgets everything (a new session); publishes nothing. */
    void reset() {
        directory.clear();
        directorySnapshot = List.of();
    }

    private static Presence presence(String wire) {
        return switch (PresenceStatus.fromWire(wire).orElse(PresenceStatus.OFFLINE)) {
            case ONLINE -> Presence.ONLINE;
            case IN_CALL -> Presence.IN_CALL;
            case OFFLINE -> Presence.OFFLINE;
        };
    }

    private void directoryChanged() {
        directorySnapshot = directory.entrySet().stream().map(e -> new Contact(e.getKey(), e.getValue())).toList();
        listeners.publish(new SessionEvent.DirectoryChanged(directorySnapshot));
    }
}
