package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.Failure;
import java.util.List;
import java.util.Objects;

/**
 * Something in the {@link SessionModel} changed. Each event carries the new state of what changed
 * (whole lists, not diffs), so a UI can simply replace what it shows.
 *
 * <p>Events are delivered on the model's own event thread, one at a time, in the order the changes
 * happened; a UI marshals them to its UI thread (e.g. {@code Platform.runLater}).
 *
 * <p>Thread-safety: all events are immutable records; safe to share between threads.
 */
public sealed interface SessionEvent {

    /** The connection state changed. */
    record ConnectionChanged(ConnectionStatus status) implements SessionEvent {
        public ConnectionChanged {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The relay issued (or re-issued) a token: persist it for the next start. */
    record CredentialsIssued(Credentials credentials) implements SessionEvent {
        public CredentialsIssued {
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    /**
     * The contact lists changed: a contact's presence, a request arrived or was answered, a block, a removal.
     * Carries all four lists (contacts with presence, incoming, outgoing, blocked).
     */
    record ContactsChanged(ContactLists lists) implements SessionEvent {
        public ContactsChanged {
            Objects.requireNonNull(lists, "lists");
        }
    }

    /**
     * My current call changed: it started ringing (either way), was accepted, the peer's media
     * switches changed, or it ended ({@code call.phase() == ENDED}, with the outcome). Also sent for a call
     * I start that ends at once ({@code BUSY}, {@code MISSED} when the callee is offline). After an
     * {@code ENDED} event there is no current call until the next ringing one.
     */
    record CallChanged(CallView call) implements SessionEvent {
        public CallChanged {
            Objects.requireNonNull(call, "call");
        }
    }

    /** The call history changed; newest first. Contains ended calls and the current call, if any. */
    record CallHistoryChanged(List<CallView> calls) implements SessionEvent {
        public CallHistoryChanged {
            calls = List.copyOf(calls);
        }
    }

    /** A conversation changed (a message arrived, was confirmed or read). */
    record ConversationChanged(Conversation conversation, int totalUnread) implements SessionEvent {
        public ConversationChanged {
            Objects.requireNonNull(conversation, "conversation");
        }
    }

    /** My own camera/microphone switches changed (by {@code setMuted} / {@code setCameraOn}). */
    record LocalMediaChanged(MediaSwitches local) implements SessionEvent {
        public LocalMediaChanged {
            Objects.requireNonNull(local, "local");
        }
    }

    /**
     * A command could not be carried out (not signed in, unknown user, the call changed meanwhile, a
     * rate limit...). The session itself is fine.
     *
     * @param command the command's name ({@code "call"}, {@code "accept"}, {@code "sendChat"}, a
     *                {@link ContactCommand}'s name...)
     * @param subject the user the command was about as the user gave it ({@code call}'s callee, a contact
     *                command's user), or {@code null} if none
     */
    record CommandFailed(String command, String subject, Failure failure) implements SessionEvent {
        public CommandFailed {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(failure, "failure");
        }

        /** A failure of a command that is not about a user. */
        public CommandFailed(String command, Failure failure) {
            this(command, null, failure);
        }
    }
}
