package com.waltalk.desktop.session;

import java.util.List;
import java.util.Objects;

/**
 * The chat with one peer.
 *
 * <p>Thread-safety: immutable (the list is unmodifiable); safe to share between threads.
 *
 * @param peer   the other user
 * @param lines  confirmed messages ordered by id, then pending ones in the order sent
 * @param unread incoming messages newer than the last {@link SessionModel#markChatRead(String)} of this peer
 */
public record Conversation(String peer, List<ChatLine> lines, int unread) {
    public Conversation {
        Objects.requireNonNull(peer, "peer");
        lines = List.copyOf(lines);
    }
}
