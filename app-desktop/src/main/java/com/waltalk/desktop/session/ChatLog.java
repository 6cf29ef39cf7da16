package com.waltalk.desktop.session;

import com.waltalk.protocol.control.Chat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Conversations by peer: confirmed messages by id (idempotent), pending ones by client message id, and a
 * read marker per peer.
 *
 * <p>Unread rule: incoming messages with an id above the peer's read marker. The marker moves with
 * {@link #markRead}, and with my own messages (replying means I read what came before). On the first
 * sign-in the relay's history sets the markers the same way, so messages that arrived after my last reply
 * while I was offline count as unread.
 *
 * <p>Thread-safety: not thread-safe; confined to the session's event thread.
 */
final class ChatLog {

    /** Everything known of the chat with one peer. */
    private static final class PeerChat {
        final TreeMap<Long, ChatLine> confirmed = new TreeMap<>();
        final LinkedHashMap<String, ChatLine> pending = new LinkedHashMap<>();
        long readUpTo;
    }

    private final Map<String, PeerChat> byPeer = new HashMap<>();

    void clear() {
        byPeer.clear();
    }

    /** Adds a message from the relay; returns the peer whose conversation changed, or {@code null}. */
    String confirmed(Chat chat, String me) {
        boolean outgoing = chat.from().equals(me);
        String peer = outgoing ? chat.to() : chat.from();
        PeerChat peerChat = byPeer.computeIfAbsent(peer, p -> new PeerChat());
        boolean changed = false;
        if (outgoing && chat.clientMsgId() != null) {
            changed = peerChat.pending.remove(chat.clientMsgId()) != null;
        }
        if (!peerChat.confirmed.containsKey(chat.id())) {
            peerChat.confirmed.put(chat.id(), new ChatLine(chat.id(), peer, outgoing, chat.body(),
                    CallLog.micros(chat.sentAtMicros()), false, chat.clientMsgId()));
            changed = true;
        }
        if (outgoing && chat.id() > peerChat.readUpTo) {
            peerChat.readUpTo = chat.id();
            changed = true;
        }
        return changed ? peer : null;
    }

    void pending(String peer, String body, String clientMsgId) {
        byPeer.computeIfAbsent(peer, p -> new PeerChat()).pending.put(clientMsgId,
                new ChatLine(0, peer, true, body, Instant.now(), true, clientMsgId));
    }

    /** All pending lines, in the order sent. */
    List<ChatLine> allPending() {
        List<ChatLine> out = new ArrayList<>();
        byPeer.values().forEach(peerChat -> out.addAll(peerChat.pending.values()));
        return out;
    }

    boolean markRead(String peer) {
        PeerChat peerChat = byPeer.get(peer);
        if (peerChat == null || peerChat.confirmed.isEmpty() || peerChat.readUpTo >= peerChat.confirmed.lastKey()) {
            return false;
        }
        peerChat.readUpTo = peerChat.confirmed.lastKey();
        return true;
    }

    Conversation conversation(String peer) {
        PeerChat peerChat = byPeer.get(peer);
        if (peerChat == null) {
            return new Conversation(peer, List.of(), 0);
        }
        List<ChatLine> lines = new ArrayList<>(peerChat.confirmed.values());
        lines.addAll(peerChat.pending.values());
        int unread = (int) peerChat.confirmed.tailMap(peerChat.readUpTo, false).values().stream()
                .filter(l -> !l.outgoing()).count();
        return new Conversation(peer, lines, unread);
    }

    List<Conversation> conversations() {
        return byPeer.keySet().stream().map(this::conversation).filter(c -> !c.lines().isEmpty())
                .sorted(Comparator.comparing((Conversation c) -> last(c)).reversed()).toList();
    }

    int totalUnread() {
        return byPeer.keySet().stream().mapToInt(p -> conversation(p).unread()).sum();
    }

    private static Instant last(Conversation c) {
        return c.lines().get(c.lines().size() - 1).sentAt();
    }
}
