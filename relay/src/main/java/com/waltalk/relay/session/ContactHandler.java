package com.waltalk.relay.session;

import static com.waltalk.relay.session.StoreRequests.onWorker;

import com.waltalk.protocol.control.ContactAction;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.contacts.ContactStore;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.relay.session.SessionController.Services;

/**
 * A signed-in client's {@code contact_action}, applied on the session's worker. Both users learn the
 * outcome from the replication stream ({@code contact} messages); the requester gets no other answer
 * unless it is refused. A block or a removal also ends a call in progress between the two, at once.
 *
 * <p>Thread-safe: called on the connection's transport thread; only enqueues.
 */
final class ContactHandler {

    private final Services s;

    ContactHandler(Services services) {
        this.s = services;
    }

    void act(ClientSession session, ContactAction action) {
        String user = session.user();
        long accountId = session.accountId();
        onWorker(session, () -> {
            if (action.action() == ContactAction.Kind.REQUEST) {
                s.contactRequests().acquire(accountId);
            }
            ContactStore.Peer peer = s.contacts().apply(accountId, action.user(), action.action());
            if (action.action() == ContactAction.Kind.BLOCK || action.action() == ContactAction.Kind.REMOVE) {
                CallRecord active = s.state().activeCallOf(user);
                if (active != null && active.involves(peer.name())) {
                    try {
                        s.calls().hangup(active.id(), user);
                    } catch (RequestRefused alreadyOver) {
                        // ended meanwhile
                    }
                }
            }
        });
    }
}
