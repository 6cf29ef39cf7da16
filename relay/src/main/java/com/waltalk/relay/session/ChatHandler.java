package com.waltalk.relay.session;

import static com.waltalk.relay.session.Replies.rateLimited;
import static com.waltalk.relay.session.Replies.reject;
import static com.waltalk.relay.session.StoreRequests.onWorker;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.relay.session.SessionController.Services;

/**
 * A signed-in client's {@code chat_send}: rate-limited per connection, never to oneself, stored on the
 * session's worker. The stored message reaches sender and recipient through the replication stream
 * (see {@link ChatFeed}); the sender gets no other answer unless it is refused.
 *
 * <p>Thread-safe: called on the connection's transport thread (which owns the chat rate limiter);
 * only enqueues.
 */
final class ChatHandler {

    private final Services s;

    ChatHandler(Services services) {
        this.s = services;
    }

    void send(ClientSession session, ChatSend chat) {
        String user = session.user();
        long retry = session.limits.chat.tryAcquire(System.nanoTime());
        if (retry > 0) {
            rateLimited(session, "too many chat messages", retry);
            return;
        }
        if (chat.to().equalsIgnoreCase(user)) {
            reject(session, ErrorCode.BAD_FIELD, "you cannot chat with yourself");
            return;
        }
        onWorker(session, () -> {
            // shared by every connection and relay: per sender, and per recipient across all senders
            s.limits().chat(session.accountId(), chat.to(), session.remoteAddress());
            s.chat().send(user, chat.to(), chat.body(), chat.clientMsgId());
        });
    }
}
