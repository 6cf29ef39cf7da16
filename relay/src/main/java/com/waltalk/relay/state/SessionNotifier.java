package com.waltalk.relay.state;

import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.chat.ChatRecord;
import com.waltalk.relay.replication.ChangeHandler.Transaction;

/**
 * How replicated state changes reach this relay's connected clients. Called on the replication
 * thread, while holding {@link LiveState#lock()}; implementations only enqueue, never block.
 */
public interface SessionNotifier {

    /** A user's status changed: tell the user's mutual contacts. */
    void presenceChanged(String user, LiveState.Status status);

    /** How {@code view.user()} stands to the account {@code viewerId} changed: tell that account's session. */
    void contactChanged(long viewerId, LiveState.ContactView view);

    /**
     * A user's session was claimed by {@code presence} in {@code transaction}: a local session with
     * another id that claimed the user earlier is replaced.
     */
    void presenceClaimed(PresenceRecord presence, Transaction transaction);

    /**
     * The account with this id was deleted (its {@code users} row, as the stream reports it): end
     * this relay's sessions signed in as it. Also called for a deletion the mirror had already
     * loaded, since a session can outlive the snapshot that no longer lists its account.
     */
    void accountRemoved(long accountId);

    /** A call changed: tell both parties. */
    void callChanged(CallRecord call);

    /** A chat message was stored: deliver it to the sender's and the recipient's sessions. */
    void chatArrived(ChatRecord message, Transaction transaction);

    /** The mirror was reloaded (stream reconnected): resend every session its contacts. */
    void stateReloaded();
}
