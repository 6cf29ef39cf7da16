package com.waltalk.desktop.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One chat message in a conversation.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param id          the relay's message id (conversations are ordered by it), or 0 while {@code pending}
 * @param peer        the other user of the conversation
 * @param outgoing    {@code true} if I sent it
 * @param body        the text
 * @param sentAt      when the relay stored it (relay clock); for a pending message, when I sent it (my clock)
 * @param pending     {@code true} while sent but not yet confirmed by the relay (shown greyed, say); after a
 *                    reconnect pending messages are sent again and stored once
 * @param clientMsgId the id this app gave an outgoing message, or {@code null}
 */
public record ChatLine(long id, String peer, boolean outgoing, String body, Instant sentAt, boolean pending,
                       String clientMsgId) {
    public ChatLine {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
    }
}
