package com.waltalk.protocol.control;

import java.util.Objects;
import java.util.Optional;

/**
 * Client → relay: the user does something about another user, named exactly (there is no listing
 * and no search). The relay answers with {@link ContactUpdate}s to the users concerned, or an
 * {@link ErrorMessage}. Wire type {@link MessageType#CONTACT_ACTION}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user the other user; a valid user name
 * @param action what to do
 */
public record ContactAction(String user, Kind action) implements ControlMessage {

    /** What a {@link ContactAction} does; the {@code action} property's wire strings. */
    public enum Kind {
        /**
         * Ask to become contacts ({@code unknown_peer} if nobody has the name; limited per day,
         * {@code rate_limited}). If the other user has asked too, both become contacts at once.
         */
        REQUEST("request"),
        /** Accept an incoming request ({@code no_contact_request} if there is none). */
        ACCEPT("accept"),
        /** Decline an incoming request: it disappears on both sides. */
        DECLINE("decline"),
        /** Block: silent and immediate; the other user cannot see, ring or chat with the user. */
        BLOCK("block"),
        /** Lift a block: no relation remains. */
        UNBLOCK("unblock"),
        /** Remove a contact or withdraw an outgoing request. */
        REMOVE("remove");

        private static final Kind[] ALL = values();

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        /** The stable lowercase wire string. */
        public String wire() {
            return wire;
        }

        /** Looks up an action by its wire string; empty if null or unknown. */
        public static Optional<Kind> fromWire(String wire) {
            for (Kind kind : ALL) {
                if (kind.wire.equals(wire)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @throws IllegalArgumentException if {@code user} is invalid
     * @throws NullPointerException if {@code action} is null
     */
    public ContactAction {
        FieldRules.require(() -> FieldRules.user("user", user));
        Objects.requireNonNull(action, "action");
    }

    @Override
    public MessageType type() {
        return MessageType.CONTACT_ACTION;
    }
}
