package com.waltalk.relay.chat;

/** One row of {@code chat_messages}. Immutable. */
public record ChatRecord(long id, String sender, String recipient, String body, long sentAtMicros,
                         String clientMsgId) {
}
