package com.waltalk.protocol.control;

import java.util.Optional;

/**
 * How another user stands to the signed-in user, as carried in the {@code relation} property of
 * {@link Contacts} entries and {@link ContactUpdate}. Each constant has a stable lowercase
 * {@linkplain #wire() wire string}; the decoder rejects any other string with {@code bad_field}.
 *
 * <p>Only a {@link #CONTACT} can be rung or chatted with, and only a contact's presence is shown.
 * A block is silent: the blocked user is never told, and keeps seeing the blocker as an offline
 * contact (or an outgoing request).
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum ContactRelation {
    /** Accepted as a contact by the user. */
    CONTACT("contact"),
    /** The user asked this person to become contacts; no answer yet. */
    OUTGOING("outgoing"),
    /** This person asked the user to become contacts: accept, decline or block. */
    INCOMING("incoming"),
    /** The user blocks this person. */
    BLOCKED("blocked"),
    /** No relation (any more): remove the person from every list. Only in {@link ContactUpdate}. */
    NONE("none");

    private static final ContactRelation[] ALL = values();

    private final String wire;

    ContactRelation(String wire) {
        this.wire = wire;
    }

    /** The stable lowercase string that identifies this relation on the wire. */
    public String wire() {
        return wire;
    }

    /** Looks up a relation by its wire string; empty if {@code wire} is null or unknown. */
    public static Optional<ContactRelation> fromWire(String wire) {
        for (ContactRelation relation : ALL) {
            if (relation.wire.equals(wire)) {
                return Optional.of(relation);
            }
        }
        return Optional.empty();
    }
}
