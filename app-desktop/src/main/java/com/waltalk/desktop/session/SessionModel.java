package com.waltalk.desktop.session;

import com.waltalk.desktop.call.CallMedia;
import com.waltalk.desktop.connection.RelayEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The desktop app's model of one user's session with a relay, without any UI types: connection state,
 * contact lists (contacts with live presence, incoming and outgoing requests, blocked people), the current call, call history, chats with unread counts, my own and my
 * peer's media switches. The UI binds to it through {@link #addListener} and the getters, and drives it
 * with the commands.
 *
 * <p><b>Threading.</b> All commands return at once: they are queued to the model's event thread, and
 * their effects show up as {@link SessionEvent}s on that thread. Getters return immutable snapshots and
 * may be called from any thread. Media travels separately through {@link #media()} and never waits for the
 * event thread.
 *
 * <p><b>Reconnects.</b> If the connection drops while signed in, the state becomes
 * {@link ConnectionState#RECONNECTING}, the model retries with backoff and signs in with its token, and a
 * call that is still accepted on the relay (the relay keeps it for 15 s) carries on: media resumes with the
 * same call. A session replaced by a newer sign-in of the same user, a refused token, and {@link #signOut()}
 * end in {@link ConnectionState#SIGNED_OUT} without reconnecting.
 *
 * <p>Thread-safety: safe to use from any thread.
 */
public interface SessionModel extends AutoCloseable {

    /** A new model, {@link ConnectionState#OFFLINE}, with its own event thread. */
    static SessionModel create(SessionOptions options) {
        return new DesktopSession(options);
    }

    /** A new model with {@link SessionOptions#DEFAULT}. */
    static SessionModel create() {
        return create(SessionOptions.DEFAULT);
    }

    // ---- session commands ------------------------------------------------------------------------------

    /**
     * Connects and signs in with a password. Completes with the issued credentials (also sent as
     * {@link SessionEvent.CredentialsIssued}), or fails with a {@link com.waltalk.desktop.connection.FailureException}
     * ({@code WRONG_CREDENTIALS}, {@code RELAY_UNREACHABLE}, {@code TLS_*}, {@code THROTTLED}...). A session
     * already signed in is signed out first. The future completes on the event thread.
     */
    CompletableFuture<Credentials> signIn(RelayEndpoint relay, String user, String password);

    /** As {@link #signIn}, but creates the account first ({@code USER_EXISTS}, {@code REGISTRATION_CLOSED}...). */
    CompletableFuture<Credentials> register(RelayEndpoint relay, String user, String password);

    /**
     * As {@link #register(RelayEndpoint, String, String)} with an invite code from the relay's operator
     * ({@code null} or blank for none); {@code INVITE_REQUIRED} if the relay needs a valid one.
     */
    CompletableFuture<Credentials> register(RelayEndpoint relay, String user, String password, String invite);

    /** As {@link #signIn}, with a token from earlier {@link Credentials} ({@code TOKEN_REJECTED} if refused). */
    CompletableFuture<Credentials> signInWithToken(RelayEndpoint relay, String token);

    /**
     * Signs out: the relay revokes the token and hangs up my call. State {@code SIGNED_OUT} without a
     * failure. The returned future completes when the connection is closed.
     */
    CompletableFuture<Void> signOut();

    // ---- call commands ---------------------------------------------------------------------------------

    /** Calls {@code user}: the current call becomes {@code OUTGOING_RINGING} (or ends {@code BUSY}/{@code MISSED}). */
    void call(String user);

    /** Accepts the incoming ringing call. */
    void accept();

    /** Declines the incoming ringing call. */
    void decline();

    /** Cancels my outgoing ringing call, declines an incoming one, or ends the accepted one. */
    void hangup();

    /** Mutes or unmutes my microphone (no audio leaves the machine while muted; the peer is told). */
    void setMuted(boolean muted);

    /** Switches my camera on or off (no video leaves the machine while off; the peer is told). */
    void setCameraOn(boolean on);

    // ---- chat commands ---------------------------------------------------------------------------------

    /**
     * Sends a chat message (1..4000 characters). It appears at once as a pending line and is confirmed by
     * the relay; if the connection drops first it is sent again after the reconnect (and stored once).
     */
    void sendChat(String peer, String body);

    /** Marks the conversation with {@code peer} as read: its unread count becomes 0. */
    void markChatRead(String peer);

    // ---- contact commands ------------------------------------------------------------------------------
    // Each is a contact_action to the relay; the lists change when the relay confirms it (ContactsChanged).
    // A refusal is a CommandFailed whose command is the ContactCommand's name and whose subject is the user.

    /**
     * Asks {@code user} (their exact name, any case) to become contacts: they appear as an outgoing request
     * (or as a contact at once if they had asked me). Fails with {@code UNKNOWN_USER} if nobody has the name,
     * {@code RATE_LIMITED} after too many requests today, {@code BAD_USER_NAME}, or {@code REJECTED} for myself.
     */
    void addContact(String user);

    /** Accepts {@code user}'s incoming request: both become contacts ({@code NO_CONTACT_REQUEST} if none). */
    void acceptContact(String user);

    /** Declines {@code user}'s incoming request: it disappears on both sides. */
    void declineContact(String user);

    /** Blocks {@code user}, silently: they cannot see, ring or message me, and are not told. */
    void blockContact(String user);

    /** Lifts my block of {@code user}: no relation remains; either may ask again. */
    void unblockContact(String user);

    /** Removes the contact {@code user}, or withdraws my request to them (on my side only). */
    void removeContact(String user);

    // ---- state -----------------------------------------------------------------------------------------

    ConnectionStatus connection();

    /** The credentials of the current or last session, if any. */
    Optional<Credentials> credentials();

    /** My contacts with their presence, my incoming and outgoing requests, the people I block. */
    ContactLists contacts();

    /** The call that is ringing (either way) or accepted, if any. */
    Optional<CallView> currentCall();

    /** Recent calls, newest first. */
    List<CallView> callHistory();

    /** The conversation with {@code peer} (empty if there is none yet). */
    Conversation conversation(String peer);

    /** All conversations with at least one line, most recent first. */
    List<Conversation> conversations();

    /** The sum of all conversations' unread counts. */
    int totalUnread();

    /** My camera/microphone switches (they persist across calls). */
    MediaSwitches localMedia();

    /** The media link of the current call: plug the capture pipeline in and the playback consumers. */
    CallMedia media();

    // ---- listeners -------------------------------------------------------------------------------------

    void addListener(SessionListener listener);

    void removeListener(SessionListener listener);

    /** Closes the connection without signing out (the token stays valid) and stops the model's threads. */
    @Override
    void close();
}
