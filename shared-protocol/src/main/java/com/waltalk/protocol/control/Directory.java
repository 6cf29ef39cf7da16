package com.waltalk.protocol.control;

import com.waltalk.protocol.Limits;
import java.util.List;

/**
 * Relay → client, right after {@link SignedIn}: every other registered user and their presence.
 * Later changes arrive as {@link Presence} messages. Wire type {@link MessageType#DIRECTORY}.
 *
 * <p>Thread-safety: immutable (the list is an unmodifiable copy); safe to share between threads.
 *
 * @param users at most {@value Limits#MAX_LIST_ELEMENTS} entries
 */
public record Directory(List<PresenceEntry> users) implements ControlMessage {

    /**
     * @throws NullPointerException if {@code users} or an element is {@code null}
     * @throws IllegalArgumentException if {@code users} has more than
     *     {@value Limits#MAX_LIST_ELEMENTS} elements
     */
    public Directory {
        users = FieldRules.list("users", users);
    }

    @Override
    public MessageType type() {
        return MessageType.DIRECTORY;
    }
}
