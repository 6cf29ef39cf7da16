package com.waltalk.protocol.control;

import com.waltalk.protocol.Limits;
import java.util.List;

/**
 * Relay → client, right after {@link Contacts}: the most recent calls the user took part in,
 * oldest first, each as its latest {@link CallUpdate} (the elements carry the same properties as
 * a {@code call} message, without {@code type}). Wire type {@link MessageType#CALL_HISTORY}.
 *
 * <p>Thread-safety: immutable (the list is an unmodifiable copy); safe to share between threads.
 *
 * @param calls at most {@value Limits#MAX_LIST_ELEMENTS} calls
 */
public record CallHistory(List<CallUpdate> calls) implements ControlMessage {

    /**
     * @throws NullPointerException if {@code calls} or an element is {@code null}
     * @throws IllegalArgumentException if {@code calls} has more than
     *     {@value Limits#MAX_LIST_ELEMENTS} elements
     */
    public CallHistory {
        calls = FieldRules.list("calls", calls);
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_HISTORY;
    }
}
