package com.waltalk.protocol.control;

import java.util.Objects;

/**
 * Relay → client: how one person stands to the user changed (a request arrived, was accepted, a
 * block, a removal: {@link ContactRelation#NONE} takes the person off every list). Sent to every
 * connection of the user, including the one whose {@link ContactAction} caused it. Presence changes
 * of a contact arrive as {@link Presence}. Wire type {@link MessageType#CONTACT}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user a valid user name
 * @param relation the new relation
 * @param status the person's presence ({@link PresenceStatus#OFFLINE} unless a mutual contact)
 */
public record ContactUpdate(String user, ContactRelation relation, PresenceStatus status)
        implements ControlMessage {

    /**
     * @throws IllegalArgumentException if {@code user} is invalid
     * @throws NullPointerException if {@code relation} or {@code status} is null
     */
    public ContactUpdate {
        FieldRules.require(() -> FieldRules.user("user", user));
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(status, "status");
    }

    /** The same information as a list entry. */
    public ContactEntry entry() {
        return new ContactEntry(user, relation, status);
    }

    @Override
    public MessageType type() {
        return MessageType.CONTACT;
    }
}
