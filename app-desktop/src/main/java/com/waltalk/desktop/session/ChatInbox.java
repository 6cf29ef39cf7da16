package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.ChatSend;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The session's chats: sends a line (shown at once as pending, sent again after a reconnect until the
 * relay confirms it), takes in the relay's chat history and new messages, and keeps the unread counts
 * ({@link ChatLog} holds the lines and the read markers).
 *
 * <p>Thread-safety: {@link #conversation}, {@link #conversations()} and {@link #totalUnread()} may be called
 * from any thread (volatile snapshots); everything else is confined to the session thread.
 */
final class ChatInbox {

    private final ConnectionCoordinator connection;
    private final RelayCommands commands;
    private final SessionListeners listeners;

    // session thread only
    private final ChatLog chats = new ChatLog();

    // snapshots for the getters
    private volatile List<Conversation> conversationsSnapshot = List.of();
    private volatile int totalUnread;

    ChatInbox(ConnectionCoordinator connection, RelayCommands commands, SessionListeners listeners) {
        this.connection = connection;
        this.commands = commands;
        this.listeners = listeners;
    }

    // ---- commands --------------------------------------------------------------------------------------

    /** Sends {@code body} to {@code peer}: a pending line now, sent if signed in (else after the reconnect). */
    void send(String peer, String body) {
        String me = connection.me();
        if (me == null) {
            commands.failed("sendChat", Failure.of(FailureKind.NOT_SIGNED_IN));
            return;
        }
        String id = UUID.randomUUID().toString();
        ChatSend message;
        try {
            message = new ChatSend(peer, body, id);
        } catch (IllegalArgumentException e) {
            commands.failed("sendChat", Failure.of(FailureKind.REJECTED, e.getMessage()));
            return;
        }
        if (peer.equals(me)) {
            commands.failed("sendChat", Failure.of(FailureKind.REJECTED, "you cannot chat with yourself"));
            return;
        }
        chats.pending(peer, body, id);
        if (connection.signedIn()) {
            commands.send("sendChat", peer, message);
        }
        conversationChanged(peer);
    }

    void markRead(String peer) {
        if (chats.markRead(peer)) {
            conversationChanged(peer);
        }
    }

    // ---- from the relay --------------------------------------------------------------------------------

    /** The relay's recent messages (after each sign-in). */
    void history(ChatHistory h) {
        Set<String> peers = new LinkedHashSet<>();
        for (Chat c : h.messages()) {
            String peer = chats.confirmed(c, connection.me());
            if (peer != null) {
                peers.add(peer);
            }
        }
        peers.forEach(this::conversationChanged);
    }

    /** A message to or from me (mine come back as the relay's confirmation). */
    void received(Chat c) {
        String peer = chats.confirmed(c, connection.me());
        if (peer != null) {
            conversationChanged(peer);
        }
    }

    /** Signed in again: sends the lines still pending; the relay stores each {@code clientMsgId} once. */
    void resendPending() {
        for (ChatLine line : chats.allPending()) {
            commands.resend(new ChatSend(line.peer(), line.body(), line.clientMsgId()));
        }
    }

    /** Forgets everything (a new session); publishes nothing. */
    void reset() {
        chats.clear();
        conversationsSnapshot = List.of();
        totalUnread = 0;
    }

    // ---- snapshots -------------------------------------------------------------------------------------

    /** The conversation with {@code peer} (empty if there is none yet). */
    Conversation conversation(String peer) {
        return conversationsSnapshot.stream().filter(c -> c.peer().equals(peer)).findFirst()
                .orElse(new Conversation(peer, List.of(), 0));
    }

    List<Conversation> conversations() {
        return conversationsSnapshot;
    }

    int totalUnread() {
        return totalUnread;
    }

    private void conversationChanged(String peer) {
        conversationsSnapshot = chats.conversations();
        totalUnread = chats.totalUnread();
        listeners.publish(new SessionEvent.ConversationChanged(chats.conversation(peer), totalUnread));
    }
}
