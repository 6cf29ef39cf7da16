package com.waltalk.protocol.control;

/**
 * Client → relay: sends a chat message. The relay stores it and sends a {@link Chat} to the
 * recipient and back to the sender. Wire type {@link MessageType#CHAT_SEND}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param to the recipient; a valid user name
 * @param body 1..{@value com.waltalk.protocol.Limits#MAX_CHAT_CHARS} code points of text (no
 *     control characters but tab, line feed, carriage return; no unpaired surrogates)
 * @param clientMsgId the sender's own id for the message, echoed in the {@link Chat}: 1..64
 *     printable ASCII characters without spaces, or {@code null} (optional on the wire)
 */
public record ChatSend(String to, String body, String clientMsgId) implements ControlMessage {

    /** @throws IllegalArgumentException if a field is invalid */
    public ChatSend {
        FieldRules.require(() -> {
            FieldRules.user("to", to);
            FieldRules.chatBody("body", body);
            FieldRules.optionalClientMsgId("clientMsgId", clientMsgId);
        });
    }

    @Override
    public MessageType type() {
        return MessageType.CHAT_SEND;
    }
}
