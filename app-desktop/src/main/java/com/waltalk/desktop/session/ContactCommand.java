package com.waltalk.desktop.session;

import java.util.Optional;

/**
 * The contact commands of a {@link SessionModel}, by the name a {@link SessionEvent.CommandFailed} carries.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum ContactCommand {
    /** {@link SessionModel#addContact}: ask someone, by exact name, to become contacts. */
    ADD("addContact"),
    /** {@link SessionModel#acceptContact}. */
    ACCEPT("acceptContact"),
    /** {@link SessionModel#declineContact}. */
    DECLINE("declineContact"),
    /** {@link SessionModel#blockContact}. */
    BLOCK("blockContact"),
    /** {@link SessionModel#unblockContact}. */
    UNBLOCK("unblockContact"),
    /** {@link SessionModel#removeContact}: a contact, or my own outgoing request. */
    REMOVE("removeContact");

    private final String command;

    ContactCommand(String command) {
        this.command = command;
    }

    /** The name in {@link SessionEvent.CommandFailed#command()}. */
    public String command() {
        return command;
    }

    /** The contact command of that name; empty for any other command. */
    public static Optional<ContactCommand> of(String command) {
        for (ContactCommand c : values()) {
            if (c.command.equals(command)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
