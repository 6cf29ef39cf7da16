package com.waltalk.protocol.control;

import java.util.Objects;

/**
 * One person in the signed-in user's contact lists: their name, how they stand to the user, and
 * their presence. The presence is {@link PresenceStatus#OFFLINE} for everyone but a mutual contact
 * (the relay shows presence only to contacts).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user a valid user name
 * @param relation how the person stands to the user
 * @param status the person's presence
 */
public record ContactEntry(String user, ContactRelation relation, PresenceStatus status) {

    /**
     * @throws IllegalArgumentException if {@code user} is invalid
     * @throws NullPointerException if {@code relation} or {@code status} is null
     */
    public ContactEntry {
        FieldRules.require(() -> FieldRules.user("user", user));
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(status, "status");
    }
}
