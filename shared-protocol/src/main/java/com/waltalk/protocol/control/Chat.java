package com.waltalk.protocol.control;

/**
 * Relay → client: a stored chat message, sent to its recipient and back to its sender (who can
 * match it by {@code clientMsgId}). Also the element of {@link ChatHistory}. Wire type
 * {@link MessageType#CHAT}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id the relay's id for the message, at least 1; increases with time
 * @param from the sender (stamped by the relay); a valid user name
 * @param to the recipient; a valid user name
 * @param body as in {@link ChatSend}
 * @param sentAtMicros when the relay accepted the message, µs since the Unix epoch
 * @param clientMsgId as given in the {@link ChatSend}, or {@code null} (optional on the wire)
 */
public record Chat(long id, String from, String to, String body, long sentAtMicros,
        String clientMsgId) implements ControlMessage {

    /** @throws IllegalArgumentException if a field is invalid */
    public Chat {
        FieldRules.require(() -> {
            FieldRules.id("id", id);
            FieldRules.user("from", from);
            FieldRules.user("to", to);
            FieldRules.chatBody("body", body);
            FieldRules.optionalClientMsgId("clientMsgId", clientMsgId);
        });
    }

    @Override
    public MessageType type() {
        return MessageType.CHAT;
    }
}
