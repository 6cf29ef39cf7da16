package com.waltalk.protocol.control;

import com.waltalk.protocol.Limits;
import java.util.List;

/**
 * Relay → client, right after {@link SignedIn}: every other registered user and their presence.
 * Later changes arrive as {@link Presence} messages. Wire type {@value #TYPE}.
 *
 * <p>Thread-safety: immutable (the list is an unmodifiable copy); safe to share between threads.
 *
 * @param users at most {@value Limits#MAX_LIST_ELEMENTS} entries
 */
public record Directory(List<PresenceEntry> users) implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "directory";

    /**
     * @throws NullPointerException if {@code users} or an element is {@code null}
     * @throws IllegalArgumentException if {@code users} has more than
     *     {@value Limits#MAX_LIST_ELEMENTS} elements
     */
    public Directory {
        users = FieldRules.list("users", users);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
