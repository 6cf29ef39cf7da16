package com.waltalk.relay.contacts;

import com.waltalk.protocol.control.ContactRelation;

/**
 * The one rule that turns the two {@code contacts} rows between two people into what each of them is
 * shown and may do. {@code mine} is the viewer's own row about the other person, {@code theirs} the other
 * person's row about the viewer; either may be null (no row).
 *
 * <p>A block is silent: nothing in the blocked person's view depends on the blocker's row except
 * whether the blocker's presence is shown ({@link #mutual}); the blocker's row is never revealed.
 * Stateless; thread-safe.
 */
public final class ContactViews {

    private ContactViews() {
    }

    /** How the other person stands to the viewer. */
    public static ContactRelation relation(ContactState mine, ContactState theirs) {
        if (mine != null) {
            return switch (mine) {
                case ACCEPTED -> ContactRelation.CONTACT;
                case REQUESTED -> ContactRelation.OUTGOING;
                case BLOCKED -> ContactRelation.BLOCKED;
            };
        }
        return theirs == ContactState.REQUESTED ? ContactRelation.INCOMING : ContactRelation.NONE;
    }

    /** Whether the two see each other's presence and may ring and chat. */
    public static boolean mutual(ContactState mine, ContactState theirs) {
        return mine == ContactState.ACCEPTED && theirs == ContactState.ACCEPTED;
    }

    /** Whether the viewer may reach the other person, and how a refusal looks. */
    public static Reach reach(ContactState mine, ContactState theirs) {
        if (mine != ContactState.ACCEPTED) {
            return Reach.NOT_A_CONTACT;
        }
        return theirs == ContactState.ACCEPTED ? Reach.MUTUAL : Reach.SILENTLY_UNREACHABLE;
    }
}
