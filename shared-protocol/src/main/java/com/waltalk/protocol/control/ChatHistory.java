package com.waltalk.protocol.control;

import com.waltalk.protocol.Limits;
import java.util.List;

/**
 * Relay → client, right after {@link CallHistory}: the most recent chat messages the user sent
 * or received, oldest first (the elements carry the same properties as a {@code chat} message,
 * without {@code type}). Wire type {@link MessageType#CHAT_HISTORY}.
 *
 * <p>Thread-safety: immutable (the list is an unmodifiable copy); safe to share between threads.
 *
 * @param messages at most {@value Limits#MAX_LIST_ELEMENTS} messages
 */
public record ChatHistory(List<Chat> messages) implements ControlMessage {

    /**
     * @throws NullPointerException if {@code messages} or an element is {@code null}
     * @throws IllegalArgumentException if {@code messages} has more than
     *     {@value Limits#MAX_LIST_ELEMENTS} elements
     */
    public ChatHistory {
        messages = FieldRules.list("messages", messages);
    }

    @Override
    public MessageType type() {
        return MessageType.CHAT_HISTORY;
    }
}
