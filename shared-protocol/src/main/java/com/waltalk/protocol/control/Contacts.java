package com.waltalk.protocol.control;

import com.waltalk.protocol.Limits;
import java.util.List;

/**
 * Relay → client, right after {@link SignedIn}: the user's contacts, incoming and outgoing
 * requests and blocked people, in one or more messages of at most
 * {@value Limits#MAX_LIST_ELEMENTS} entries each; the last one has {@code last = true} (a user with
 * no contacts gets one empty message). There is no cap on the number of contacts beyond the relay's
 * per-account limit. Later changes arrive as {@link ContactUpdate} and {@link Presence}.
 * Wire type {@link MessageType#CONTACTS}.
 *
 * <p>Thread-safety: immutable (the list is an unmodifiable copy); safe to share between threads.
 *
 * @param contacts at most {@value Limits#MAX_LIST_ELEMENTS} entries
 * @param last whether this message completes the list
 */
public record Contacts(List<ContactEntry> contacts, boolean last) implements ControlMessage {

    /**
     * @throws NullPointerException if {@code contacts} or an element is {@code null}
     * @throws IllegalArgumentException if {@code contacts} has more than
     *     {@value Limits#MAX_LIST_ELEMENTS} elements
     */
    public Contacts {
        contacts = FieldRules.list("contacts", contacts);
    }

    /** The whole list as messages of at most {@value Limits#MAX_LIST_ELEMENTS} entries. */
    public static List<Contacts> split(List<ContactEntry> all) {
        if (all.isEmpty()) {
            return List.of(new Contacts(List.of(), true));
        }
        int chunks = (all.size() + Limits.MAX_LIST_ELEMENTS - 1) / Limits.MAX_LIST_ELEMENTS;
        java.util.ArrayList<Contacts> out = new java.util.ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            int from = i * Limits.MAX_LIST_ELEMENTS;
            int to = Math.min(all.size(), from + Limits.MAX_LIST_ELEMENTS);
            out.add(new Contacts(all.subList(from, to), i == chunks - 1));
        }
        return out;
    }

    @Override
    public MessageType type() {
        return MessageType.CONTACTS;
    }
}
