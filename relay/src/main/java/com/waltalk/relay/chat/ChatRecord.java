package com.waltalk.relay.chat;

/**
 * One row of {@code chat_messages}. Immutable.
 *
 * @param withheld the recipient blocked or removed the sender when it was sent: shown to the sender as
 *                 sent, never delivered to the recipient
 */
public record ChatRecord(long id, String sender, String recipient, String body, long sentAtMicros,
                         String clientMsgId, boolean withheld) {
}
