package com.waltalk.relay.session;

import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.relay.chat.ChatRecord;
import com.waltalk.relay.chat.ChatStore;
import com.waltalk.relay.fanout.OutboundQueue;
import com.waltalk.relay.replication.ChangeHandler.Transaction;
import com.waltalk.relay.replication.TransactionSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * One session's chat: history first, then the live stream, with no gap and no duplicate.
 *
 * <p>The feed buffers live messages from the moment the session is registered for delivery. When
 * the history (read with its snapshot) is ready it is sent, then the buffered messages the snapshot
 * did not see, then live messages — still filtered by the snapshot, because the stream may be behind
 * the history read. See {@link TransactionSnapshot} for why this is exact.
 *
 * <p>Thread-safe: {@link #offer} is called on the replication thread, {@link #start} on the session's
 * worker.
 */
final class ChatFeed {

    /** History is sent in chunks of about this many characters of text, so no message gets large. */
    static final int HISTORY_CHUNK_CHARS = 32 * 1024;
    /**
     * History is capped by text size as well as count: it must fit the client's reliable queue
     * (1 MiB, see OutboundQueue) even at 3 bytes per character. Older messages stay in the database.
     */
    static final int MAX_HISTORY_CHARS = 160 * 1024;
    /** Live messages buffered while the history is read; beyond this the oldest are in the history anyway. */
    static final int MAX_BUFFERED = 10_000;

    private final OutboundQueue out;
    private final List<ChatRecord> buffered = new ArrayList<>();
    private final List<Transaction> bufferedTx = new ArrayList<>();
    private TransactionSnapshot snapshot;
    private boolean live;

    ChatFeed(OutboundQueue out) {
        this.out = out;
    }

    synchronized void offer(ChatRecord message, Transaction tx) {
        if (!live) {
            if (buffered.size() < MAX_BUFFERED) {
                buffered.add(message);
                bufferedTx.add(tx);
            }
            return;
        }
        if (!snapshot.sawCommitted(tx.xid(), tx.commitLsn())) {
            out.offerControl(ControlCodec.encode(toWire(message)));
        }
    }

    synchronized void start(ChatStore.History history) {
        List<ChatRecord> recent = newestWithin(history.messages(), MAX_HISTORY_CHARS);
        List<Chat> chunk = new ArrayList<>();
        int chars = 0;
        for (ChatRecord m : recent) {
            if (!chunk.isEmpty() && chars + m.body().length() > HISTORY_CHUNK_CHARS) {
                out.offerControl(ControlCodec.encode(new ChatHistory(List.copyOf(chunk))));
                chunk.clear();
                chars = 0;
            }
            chunk.add(toWire(m));
            chars += m.body().length();
        }
        out.offerControl(ControlCodec.encode(new ChatHistory(List.copyOf(chunk))));
        snapshot = history.snapshot();
        for (int i = 0; i < buffered.size(); i++) {
            Transaction tx = bufferedTx.get(i);
            if (!snapshot.sawCommitted(tx.xid(), tx.commitLsn())) {
                out.offerControl(ControlCodec.encode(toWire(buffered.get(i))));
            }
        }
        buffered.clear();
        bufferedTx.clear();
        live = true;
    }

    /** The newest messages whose text fits in {@code maxChars}, oldest first. */
    static List<ChatRecord> newestWithin(List<ChatRecord> oldestFirst, int maxChars) {
        int chars = 0;
        int from = oldestFirst.size();
        while (from > 0 && chars + oldestFirst.get(from - 1).body().length() <= maxChars) {
            from--;
            chars += oldestFirst.get(from).body().length();
        }
        return oldestFirst.subList(from, oldestFirst.size());
    }

    static Chat toWire(ChatRecord m) {
        return new Chat(m.id(), m.sender(), m.recipient(), m.body(), m.sentAtMicros(), m.clientMsgId());
    }
}
