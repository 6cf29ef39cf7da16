package com.waltalk.desktop.session;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes two signed-in sessions mutual contacts the way two people would, over the protocol: the first
 * asks (the second too if it has no relation while the first has one, e.g. after removing the first), whoever has an incoming request accepts, a block is lifted by the one who blocks. It is
 * idempotent: two sessions that are contacts already send nothing. Demo mode uses it so that its two
 * windows can call each other out of the box; tests use it as a fixture.
 *
 * <p>It acts on the relay's answers ({@link SessionEvent.ContactsChanged} of either session) and sends each
 * step once per state, so a relay that does not answer a step (an older relay that lists everyone as a
 * contact, say) leaves the future waiting until its timeout rather than flooding it.
 *
 * <p>Thread-safety: {@link #connect} may be called from any thread; each handshake's steps run on the two
 * sessions' event threads, serialized by the handshake's own lock.
 */
public final class ContactHandshake {

    private final SessionModel a;
    private final SessionModel b;
    private final String aName;
    private final String bName;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final SessionListener listener = e -> {
        if (e instanceof SessionEvent.ContactsChanged) {
            step();
        }
    };
    // guarded by this: the last step sent by each side, and the state it was sent in
    private String aSent;
    private String bSent;

    private ContactHandshake(SessionModel a, SessionModel b) {
        this.a = a;
        this.b = b;
        this.aName = a.credentials().orElseThrow(() -> new IllegalStateException("not signed in")).user();
        this.bName = b.credentials().orElseThrow(() -> new IllegalStateException("not signed in")).user();
    }

    /**
     * Makes the signed-in sessions {@code a} and {@code b} contacts of each other. Completes when both see
     * the other as a contact, or exceptionally after {@code timeoutMillis}.
     *
     * @throws IllegalStateException if either session is not signed in
     */
    public static CompletableFuture<Void> connect(SessionModel a, SessionModel b, long timeoutMillis) {
        ContactHandshake h = new ContactHandshake(a, b);
        a.addListener(h.listener);
        b.addListener(h.listener);
        h.done.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            a.removeListener(h.listener);
            b.removeListener(h.listener);
        });
        h.step();
        return h.done;
    }

    private synchronized void step() {
        if (done.isDone()) {
            return;
        }
        ContactLists aLists = a.contacts();
        ContactLists bLists = b.contacts();
        if (!aLists.received() || !bLists.received()) {
            return; // the relay's lists are on their way: acting now could repeat what is already true
        }
        Optional<Relation> aToB = aLists.relation(bName);
        Optional<Relation> bToA = bLists.relation(aName);
        if (aToB.equals(Optional.of(Relation.CONTACT)) && bToA.equals(Optional.of(Relation.CONTACT))) {
            done.complete(null);
            return;
        }
        String aState = aToB + "/" + bToA;
        if (!aState.equals(aSent) && act(a, bName, aToB, bToA, true)) {
            aSent = aState;
        }
        String bState = bToA + "/" + aToB;
        if (!bState.equals(bSent) && act(b, aName, bToA, aToB, false)) {
            bSent = bState;
        }
    }

    /**
     * One side's step towards {@code other}; returns whether it sent something. Where neither has a relation
     * only the {@code asker} asks: one request is enough, and two crossing requests would show each side an
     * incoming request for a moment.
     */
    private static boolean act(SessionModel side, String other, Optional<Relation> mine, Optional<Relation> theirs,
                               boolean asker) {
        if (mine.isEmpty()) {
            if (theirs.equals(Optional.of(Relation.OUTGOING)) || theirs.isEmpty() && !asker) {
                return false;
            }
            side.addContact(other);
            return true;
        }
        switch (mine.get()) {
            case BLOCKED -> side.unblockContact(other);
            case INCOMING -> side.acceptContact(other);
            default -> {
                return false; // OUTGOING: waiting for the other side; CONTACT: done on this side
            }
        }
        return true;
    }
}
