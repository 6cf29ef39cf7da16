package com.waltalk.relay.session;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactUpdate;
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
        Long id = state.idOf(user);
        if (id == null) {
            return;
        }
        String json = null;
        // only mutual contacts see a user's presence; nobody else learns whether they are online or in a call
        for (Long contact : state.mutualContactsOf(id)) {
            String name = state.nameOf(contact);
            ClientSession s = name == null ? null : registry.lookup(name);
            if (s != null && s.accountId() == contact) {
                if (json == null) {
                    json = ControlCodec.encode(Presence.of(user, wire(status)));
                }
                s.outbound().offerControl(json);
            }
        }
    }

    @Override
    public void contactChanged(long viewerId, LiveState.ContactView view) {
        String name = state.nameOf(viewerId);
        ClientSession s = name == null ? null : registry.lookup(name);
        if (s != null && s.accountId() == viewerId) {
            s.outbound().offerControl(ControlCodec.encode(
                    new ContactUpdate(view.user(), view.relation(), wire(view.status()))));
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
        // a withheld message (the recipient blocked or removed the sender) is only ever shown to its sender
        ClientSession recipient = message.withheld() ? null : registry.lookup(message.recipient());
        if (recipient != null && recipient != sender) {
            recipient.chat().offer(message, transaction);
        }
    }

    @Override
    public void stateReloaded() {
        if (registry.size() == 0) {
            return;
        }
        for (ClientSession s : registry.all()) {
            contactsOf(s.accountId()).forEach(part -> s.outbound().offerControl(ControlCodec.encode(part)));
        }
    }

    /**
     * The account's contact lists as of now, in messages of at most 1000 entries; call under
     * {@link LiveState#lock()} to be consistent with the contact and presence updates that follow.
     */
    List<Contacts> contactsOf(long accountId) {
        return Contacts.split(state.contactsOf(accountId).stream()
                .map(v -> new ContactEntry(v.user(), v.relation(), wire(v.status())))
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
