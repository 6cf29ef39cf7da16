package com.waltalk.desktop.session;

import com.waltalk.protocol.UserNames;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.PresenceStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contact lists as the relay reports them, without threads or listeners: the {@code contacts} list
 * (in parts, applied when the part marked {@code last} arrives), {@code contact} changes (relation
 * {@code none} takes a person off every list) and {@code presence} changes (kept for contacts only: the
 * relay sends presence for nobody else). Each method says whether anything visible changed, so the owner
 * publishes only real changes.
 *
 * <p>People are keyed by {@link UserNames#key} (the relay keeps names unique regardless of case) and shown
 * with the spelling the relay last used.
 *
 * <p>Thread-safety: not thread-safe; confined to the session thread.
 */
final class ContactState {

    private record Person(String user, Relation relation, Presence presence) {
    }

    private final Map<String, Person> people = new HashMap<>();
    // a list arriving in several messages, until the part marked last
    private final Map<String, Person> arriving = new HashMap<>();
    private ContactLists snapshot = ContactLists.EMPTY;
    private boolean received;

    /**
     * A part of the relay's list; returns whether the lists changed (only the last part can change them; the
     * first complete list always does, if only from "not received" to "received").
     */
    boolean replace(Contacts part) {
        for (ContactEntry e : part.contacts()) {
            Person p = person(e.user(), e.relation(), e.status());
            if (p != null) {
                arriving.put(UserNames.key(e.user()), p);
            }
        }
        if (!part.last()) {
            return false;
        }
        people.clear();
        people.putAll(arriving);
        arriving.clear();
        received = true;
        return rebuild();
    }

    /** One person's relation changed; returns whether the lists changed. */
    boolean update(ContactUpdate u) {
        String key = UserNames.key(u.user());
        Person p = person(u.user(), u.relation(), u.status());
        if (p == null) {
            people.remove(key);
        } else {
            people.put(key, p);
        }
        return rebuild();
    }

    /** A contact's presence changed; presence of anyone but a contact is ignored. Returns whether it changed. */
    boolean presence(String user, PresenceStatus status) {
        String key = UserNames.key(user);
        Person p = people.get(key);
        if (p == null || p.relation() != Relation.CONTACT) {
            return false;
        }
        people.put(key, new Person(p.user(), p.relation(), presence(status)));
        return rebuild();
    }

    /**
     * A new connection signed in: a list that was arriving on the old one will not be completed (the relay
     * sends the whole list again), so its parts are dropped.
     */
    void newConnection() {
        arriving.clear();
    }

    /** Forgets everything (a new session). */
    void clear() {
        people.clear();
        arriving.clear();
        received = false;
        snapshot = ContactLists.EMPTY;
    }

    /** The current lists. */
    ContactLists lists() {
        return snapshot;
    }

    private boolean rebuild() {
        List<Person> sorted = new ArrayList<>(people.values());
        sorted.sort(Comparator.comparing((Person p) -> p.user().toLowerCase(Locale.ROOT)).thenComparing(Person::user));
        List<Contact> contacts = new ArrayList<>();
        List<String> incoming = new ArrayList<>();
        List<String> outgoing = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (Person p : sorted) {
            switch (p.relation()) {
                case CONTACT -> contacts.add(new Contact(p.user(), p.presence()));
                case INCOMING -> incoming.add(p.user());
                case OUTGOING -> outgoing.add(p.user());
                case BLOCKED -> blocked.add(p.user());
                default -> throw new IllegalStateException();
            }
        }
        ContactLists next = new ContactLists(contacts, incoming, outgoing, blocked, received);
        if (next.equals(snapshot)) {
            return false;
        }
        snapshot = next;
        return true;
    }

    /** The person as a list entry, or null for relation {@code none}; presence only for contacts. */
    private static Person person(String user, ContactRelation relation, PresenceStatus status) {
        Relation r = switch (relation) {
            case CONTACT -> Relation.CONTACT;
            case OUTGOING -> Relation.OUTGOING;
            case INCOMING -> Relation.INCOMING;
            case BLOCKED -> Relation.BLOCKED;
            case NONE -> null;
        };
        if (r == null) {
            return null;
        }
        return new Person(user, r, r == Relation.CONTACT ? presence(status) : Presence.OFFLINE);
    }

    private static Presence presence(PresenceStatus status) {
        return switch (status) {
            case ONLINE -> Presence.ONLINE;
            case IN_CALL -> Presence.IN_CALL;
            case OFFLINE -> Presence.OFFLINE;
        };
    }
}
