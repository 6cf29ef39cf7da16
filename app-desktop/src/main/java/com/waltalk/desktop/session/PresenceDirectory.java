package com.waltalk.desktop.session;

import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.PresenceStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's contacts with their presence, from the relay's {@code contacts} list (sent after each
 * sign-in, possibly in several messages), its {@code contact} and {@code presence} changes.
 *
 * <p>Thread-safety: {@link #contacts()} may be called from any thread (a volatile snapshot); everything
 * else is confined to the session thread.
 */
final class PresenceDirectory {

    private final ConnectionCoordinator connection;
    private final SessionListeners listeners;

    // session thread only; sorted by name
    private final Map<String, Presence> directory = new TreeMap<>();

    // session thread only: a contacts list arriving in several messages, until the one marked last
    private final Map<String, Presence> incoming = new TreeMap<>();

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

    /** A part of the relay's contacts list (after each sign-in); the last part replaces what is known. */
    void replace(Contacts part) {
        for (ContactEntry e : part.contacts()) {
            if (e.relation() == ContactRelation.CONTACT) {
                incoming.put(e.user(), presence(e.status().wire()));
            }
        }
        if (part.last()) {
            directory.clear();
            directory.putAll(incoming);
            incoming.clear();
            directoryChanged();
        }
    }

    /** How one person stands to the user changed. */
    void contactChanged(ContactUpdate u) {
        boolean changed = u.relation() == ContactRelation.CONTACT
                ? directory.put(u.user(), presence(u.status().wire())) != presence(u.status().wire())
                : directory.remove(u.user()) != null;
        if (changed) {
            directoryChanged();
        }
    }

    /** A contact's presence changed. */
    void presenceChanged(com.waltalk.protocol.control.Presence p) {
        if (directory.containsKey(p.user())
                && directory.put(p.user(), presence(p.status())) != presence(p.status())) {
            directoryChanged();
        }
    }

    /** Forgets everything (a new session); publishes nothing. */
    void reset() {
        directory.clear();
        incoming.clear();
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
