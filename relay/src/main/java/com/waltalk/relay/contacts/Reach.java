package com.waltalk.relay.contacts;

/**
 * Whether a user may reach another, from the two rows between them (see {@link ContactViews#reach}).
 */
public enum Reach {
    /** The sender does not have the other as a contact: refused with {@code not_a_contact}. */
    NOT_A_CONTACT,
    /**
     * The sender accepts the other, but the other does not accept the sender (blocked or removed them):
     * silently unreachable — the sender is shown what it would see if the other were offline.
     */
    SILENTLY_UNREACHABLE,
    /** Both accept each other. */
    MUTUAL
}
