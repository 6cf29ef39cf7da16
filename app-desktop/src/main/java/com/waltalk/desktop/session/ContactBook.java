package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.protocol.UserNames;
import com.waltalk.protocol.control.ContactAction;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.Presence;

/**
 * The session's contact lists ({@link ContactState}) and the contact commands: add by exact name, accept,
 * decline, block, unblock, remove. Commands are sent as {@code contact_action}s; their effect comes back
 * from the relay as {@code contact} changes (to every connection of the user), never applied locally
 * first, so all windows and devices show the same lists. A name the user typed is checked here before it
 * is sent (shape, not myself); the relay's refusals ({@code unknown_peer}, {@code rate_limited},
 * {@code no_contact_request}) come back through {@link RelayCommands} naming the command and the user.
 *
 * <p>Thread-safety: {@link #lists()} may be called from any thread (a volatile snapshot); everything else
 * is confined to the session thread.
 */
final class ContactBook {

    private final ConnectionCoordinator connection;
    private final RelayCommands commands;
    private final SessionListeners listeners;

    // session thread only
    private final ContactState state = new ContactState();

    // snapshot for the getter
    private volatile ContactLists snapshot = ContactLists.EMPTY;

    ContactBook(ConnectionCoordinator connection, RelayCommands commands, SessionListeners listeners) {
        this.connection = connection;
        this.commands = commands;
        this.listeners = listeners;
    }

    // ---- commands --------------------------------------------------------------------------------------

    /** Carries out {@code command} about {@code user} (as typed: surrounding blanks are ignored). */
    void act(ContactCommand command, String user) {
        String name = user == null ? "" : user.strip();
        if (!connection.signedIn()) {
            commands.failed(command.command(), name, Failure.of(FailureKind.NOT_SIGNED_IN));
            return;
        }
        if (!UserNames.isValid(name)) {
            commands.failed(command.command(), name, Failure.of(FailureKind.BAD_USER_NAME));
            return;
        }
        String me = connection.me();
        if (me != null && UserNames.key(me).equals(UserNames.key(name))) {
            commands.failed(command.command(), name, Failure.of(FailureKind.REJECTED, "that is you"));
            return;
        }
        commands.send(command.command(), name, new ContactAction(name, kind(command)));
    }

    private static ContactAction.Kind kind(ContactCommand command) {
        return switch (command) {
            case ADD -> ContactAction.Kind.REQUEST;
            case ACCEPT -> ContactAction.Kind.ACCEPT;
            case DECLINE -> ContactAction.Kind.DECLINE;
            case BLOCK -> ContactAction.Kind.BLOCK;
            case UNBLOCK -> ContactAction.Kind.UNBLOCK;
            case REMOVE -> ContactAction.Kind.REMOVE;
        };
    }

    // ---- from the relay --------------------------------------------------------------------------------

    /** A part of the relay's list (after each sign-in); the last part replaces what is known. */
    void replace(Contacts part) {
        if (state.replace(part)) {
            changed();
        }
    }

    /** How one person stands to the user changed. */
    void contactChanged(ContactUpdate u) {
        if (state.update(u)) {
            changed();
        }
    }

    /** A contact's presence changed. */
    void presenceChanged(Presence p) {
        if (state.presence(p.user(), p.presenceStatus())) {
            changed();
        }
    }

    /** Signed in on a new connection (a new session or a reconnect): the relay sends the lists again. */
    void signedIn() {
        state.newConnection();
    }

    /** Forgets everything (a new session); publishes nothing. */
    void reset() {
        state.clear();
        snapshot = ContactLists.EMPTY;
    }

    /** The current lists. */
    ContactLists lists() {
        return snapshot;
    }

    private void changed() {
        snapshot = state.lists();
        listeners.publish(new SessionEvent.ContactsChanged(snapshot));
    }
}
