package com.waltalk.relay.session;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.MediaFlags;
import com.waltalk.protocol.control.Presence;
import com.waltalk.protocol.control.PresenceStatus;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.chat.ChatRecord;
import com.waltalk.relay.replication.ChangeHandler.Transaction;
import com.waltalk.relay.state.LiveState;
import com.waltalk.relay.state.PresenceRecord;
import com.waltalk.relay.state.SessionNotifier;
import java.util.List;
import java.util.Map;

/**
 * Turns replicated state changes into protocol messages for this relay's sessions. Runs on the
 * replication thread under {@link LiveState#lock()}; only enqueues. Thread-safe.
 */
public final class SessionNotifications implements SessionNotifier {

    private final SessionRegistry registry;
    private final LiveState state;
    private volatile SignInHandler signIn;

    public SessionNotifications(SessionRegistry registry, LiveState state) {
        this.registry = registry;
        this.state = state;
    }

    /** Connects the handler that ends sessions of removed accounts; until then there are no sessions. */
    void attach(SignInHandler signIn) {
        this.signIn = signIn;
    }

    @Override
    public void presenceChanged(String user, LiveState.Status status) {
        String json = ControlCodec.encode(Presence.of(user, wire(status)));
        for (ClientSession s : registry.all()) {
            s.outbound().offerControl(json);
        }
    }

    @Override
    public void presenceClaimed(PresenceRecord presence, Transaction transaction) {
        ClientSession local = registry.lookup(presence.user());
        // A claim that committed before the local session's own is stale (the stream is behind): ignore it.
        if (local != null && !presence.sessionId().equals(local.sessionId())
                && transaction.commitLsn() > local.claimLsn()) {
            registry.unregister(local);
            Replies.fatal(local, ErrorCode.SESSION_REPLACED, "signed in from another connection",
                    CloseCode.SESSION_REPLACED);
        }
    }

    @Override
    public void accountRemoved(long accountId) {
        for (ClientSession s : registry.all()) {
            // by id, not name: a user re-added under the same name is another account
            if (s.accountId() == accountId && registry.unregister(s)) {
                SignInHandler handler = signIn;
                if (handler != null) {
                    handler.endRemovedAccount(s);
                }
            }
        }
    }

    @Override
    public void callChanged(CallRecord call) {
        String json = ControlCodec.encode(toWire(call));
        for (String party : new String[] {call.caller(), call.callee()}) {
            ClientSession s = registry.lookup(party);
            if (s != null) {
                s.outbound().offerControl(json);
            }
        }
    }

    @Override
    public void chatArrived(ChatRecord message, Transaction transaction) {
        ClientSession sender = registry.lookup(message.sender());
        if (sender != null) {
            sender.chat().offer(message, transaction);
        }
        ClientSession recipient = registry.lookup(message.recipient());
        if (recipient != null && recipient != sender) {
            recipient.chat().offer(message, transaction);
        }
    }

    @Override
    public void stateReloaded() {
        if (registry.size() == 0) {
            return;
        }
        List<String> json = directory().stream().map(ControlCodec::encode).toList();
        for (ClientSession s : registry.all()) {
            json.forEach(s.outbound()::offerControl);
        }
    }

    /** The directory as of now; call under {@link LiveState#lock()} to be consistent with presence updates. */
    List<Contacts> directory() {
        return Contacts.split(state.directory().stream()
                .map((Map.Entry<String, LiveState.Status> e) -> new ContactEntry(e.getKey(), ContactRelation.CONTACT,
                        wire(e.getValue())))
                .toList());
    }

    static PresenceStatus wire(LiveState.Status s) {
        return switch (s) {
            case ONLINE -> PresenceStatus.ONLINE;
            case IN_CALL -> PresenceStatus.IN_CALL;
            case OFFLINE -> PresenceStatus.OFFLINE;
        };
    }

    static CallUpdate toWire(CallRecord c) {
        return new CallUpdate(c.id(), c.caller(), c.callee(), c.state(), c.createdAt(), c.answeredAt(), c.endedAt(),
                c.endedBy(), new MediaFlags(c.callerVideo(), c.callerAudio()),
                new MediaFlags(c.calleeVideo(), c.calleeAudio()));
    }
}
