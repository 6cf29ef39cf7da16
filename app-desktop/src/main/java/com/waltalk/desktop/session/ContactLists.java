package com.waltalk.desktop.session;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Everyone the signed-in user has a relation with, as four lists, each sorted by name
 * (case-insensitively): contacts with their presence, incoming requests (they asked), outgoing
 * requests (I asked) and people I block. A person is on at most one list.
 *
 * <p>A person who blocks me still shows as an offline contact: a block is silent, so the relay does
 * not tell me.
 *
 * <p>Thread-safety: immutable (unmodifiable copies); safe to share between threads.
 *
 * @param contacts mutual contacts with their presence
 * @param incoming names of people who asked me
 * @param outgoing names of people I asked
 * @param blocked  names of people I block
 * @param received whether the relay's list has arrived in this session; before that the lists are empty
 *                 because nothing is known yet, not because there is nobody
 */
public record ContactLists(List<Contact> contacts, List<String> incoming, List<String> outgoing,
                           List<String> blocked, boolean received) {

    /** Nothing known yet: before the relay's list arrives. */
    public static final ContactLists EMPTY = new ContactLists(List.of(), List.of(), List.of(), List.of(), false);

    /** Lists the relay sent. */
    public ContactLists(List<Contact> contacts, List<String> incoming, List<String> outgoing, List<String> blocked) {
        this(contacts, incoming, outgoing, blocked, true);
    }

    public ContactLists {
        contacts = List.copyOf(contacts);
        incoming = List.copyOf(incoming);
        outgoing = List.copyOf(outgoing);
        blocked = List.copyOf(blocked);
    }

    /** Whether {@code user} (any case) is a contact, i.e. can be called and messaged. */
    public boolean isContact(String user) {
        return contact(user).isPresent();
    }

    /** The contact {@code user} (any case) with their presence, if a contact. */
    public Optional<Contact> contact(String user) {
        return contacts.stream().filter(c -> same(c.user(), user)).findFirst();
    }

    /** How {@code user} (any case) stands to me; empty if on no list. */
    public Optional<Relation> relation(String user) {
        if (isContact(user)) {
            return Optional.of(Relation.CONTACT);
        }
        if (incoming.stream().anyMatch(u -> same(u, user))) {
            return Optional.of(Relation.INCOMING);
        }
        if (outgoing.stream().anyMatch(u -> same(u, user))) {
            return Optional.of(Relation.OUTGOING);
        }
        if (blocked.stream().anyMatch(u -> same(u, user))) {
            return Optional.of(Relation.BLOCKED);
        }
        return Optional.empty();
    }

    /** Whether all four lists are empty. */
    public boolean isEmpty() {
        return contacts.isEmpty() && incoming.isEmpty() && outgoing.isEmpty() && blocked.isEmpty();
    }

    // names are unique on the relay regardless of case, and a user types them in any case
    private static boolean same(String a, String b) {
        return Objects.equals(a == null ? null : a.toLowerCase(Locale.ROOT),
                b == null ? null : b.toLowerCase(Locale.ROOT));
    }
}
