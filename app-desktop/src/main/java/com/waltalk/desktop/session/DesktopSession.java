package com.waltalk.desktop.session;

import com.waltalk.desktop.call.CallMedia;
import com.waltalk.desktop.call.MediaLink;
import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.net.Authentication;
import com.waltalk.desktop.net.LinkState;
import com.waltalk.desktop.net.RelayClient;
import com.waltalk.desktop.net.RelayConnection;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.runtime.Threads;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionModel} implementation: a {@link RelayClient} for the connection, a {@link MediaLink} for
 * media, and the model state in four parts — {@link ConnectionCoordinator} (sign-in, status),
 * {@link ContactBook} (contact lists, presence, contact commands), {@link CallCoordinator} (current call, history, my switches) and
 * {@link ChatInbox} — all mutated on one event thread ({@code waltalk-session}), which this class owns.
 * Commands hop onto that thread here; the relay client reports on it, and this class routes each report and
 * each relay message to the part it concerns.
 *
 * <p>Thread-safety: safe to use from any thread; see {@link SessionModel}.
 */
final class DesktopSession implements SessionModel {

    private static final Logger log = LoggerFactory.getLogger(DesktopSession.class);

    private final ScheduledExecutorService events;
    private final RelayClient client;
    private final MediaLink media;
    private final SessionListeners listeners = new SessionListeners();
    private final ConnectionCoordinator connection;
    private final RelayCommands commands;
    private final ContactBook contacts;
    private final CallCoordinator calls;
    private final ChatInbox chats;

    DesktopSession(SessionOptions options) {
        events = Executors.newSingleThreadScheduledExecutor(Threads.named("waltalk-session"));
        client = new RelayClient(events, new LinkListener(), options.clientName(), options.reconnect(),
                options.connectTimeout(), options.pingInterval(), options.pongTimeout());
        media = new MediaLink(client::connection, client::clockOffsetMicros, client::roundTripMillis);
        connection = new ConnectionCoordinator(client, listeners);
        commands = new RelayCommands(client, listeners);
        contacts = new ContactBook(connection, commands, listeners);
        calls = new CallCoordinator(connection, commands, media, listeners);
        chats = new ChatInbox(connection, commands, listeners);
    }

    // ---- session commands ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Credentials> signIn(RelayEndpoint relay, String user, String password) {
        return connection.start(relay, new Authentication.Password(user, password));
    }

    @Override
    public CompletableFuture<Credentials> register(RelayEndpoint relay, String user, String password) {
        return connection.start(relay, new Authentication.NewAccount(user, password));
    }

    @Override
    public CompletableFuture<Credentials> register(RelayEndpoint relay, String user, String password, String invite) {
        return connection.start(relay, new Authentication.NewAccount(user, password, invite));
    }

    @Override
    public CompletableFuture<Credentials> signInWithToken(RelayEndpoint relay, String token) {
        return connection.start(relay, new Authentication.Token(token));
    }

    @Override
    public CompletableFuture<Void> signOut() {
        return connection.signOut();
    }

    // ---- call commands ---------------------------------------------------------------------------------

    @Override
    public void call(String user) {
        events.execute(() -> calls.call(user));
    }

    @Override
    public void accept() {
        events.execute(calls::accept);
    }

    @Override
    public void decline() {
        events.execute(calls::decline);
    }

    @Override
    public void hangup() {
        events.execute(calls::hangup);
    }

    @Override
    public void setMuted(boolean muted) {
        events.execute(() -> calls.setMuted(muted));
    }

    @Override
    public void setCameraOn(boolean on) {
        events.execute(() -> calls.setCameraOn(on));
    }

    // ---- chat commands ---------------------------------------------------------------------------------

    @Override
    public void sendChat(String peer, String body) {
        events.execute(() -> chats.send(peer, body));
    }

    @Override
    public void markChatRead(String peer) {
        events.execute(() -> chats.markRead(peer));
    }

    // ---- contact commands ------------------------------------------------------------------------------

    @Override
    public void addContact(String user) {
        events.execute(() -> contacts.act(ContactCommand.ADD, user));
    }

    @Override
    public void acceptContact(String user) {
        events.execute(() -> contacts.act(ContactCommand.ACCEPT, user));
    }

    @Override
    public void declineContact(String user) {
        events.execute(() -> contacts.act(ContactCommand.DECLINE, user));
    }

    @Override
    public void blockContact(String user) {
        events.execute(() -> contacts.act(ContactCommand.BLOCK, user));
    }

    @Override
    public void unblockContact(String user) {
        events.execute(() -> contacts.act(ContactCommand.UNBLOCK, user));
    }

    @Override
    public void removeContact(String user) {
        events.execute(() -> contacts.act(ContactCommand.REMOVE, user));
    }

    // ---- getters ---------------------------------------------------------------------------------------

    @Override
    public ConnectionStatus connection() {
        return connection.status();
    }

    @Override
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(connection.credentials());
    }

    @Override
    public ContactLists contacts() {
        return contacts.lists();
    }

    @Override
    public Optional<CallView> currentCall() {
        return Optional.ofNullable(calls.currentCall());
    }

    @Override
    public List<CallView> callHistory() {
        return calls.history();
    }

    @Override
    public Conversation conversation(String peer) {
        return chats.conversation(peer);
    }

    @Override
    public List<Conversation> conversations() {
        return chats.conversations();
    }

    @Override
    public int totalUnread() {
        return chats.totalUnread();
    }

    @Override
    public MediaSwitches localMedia() {
        return calls.localMedia();
    }

    @Override
    public CallMedia media() {
        return media;
    }

    @Override
    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        client.close();
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- event thread: from the relay ------------------------------------------------------------------

    private void signedIn(SignedIn signedIn, boolean reconnected) {
        if (connection.startsNewSession(signedIn, reconnected)) {
            contacts.reset();
            calls.reset();
            chats.reset();
        }
        contacts.signedIn();
        connection.signedIn(signedIn);
        chats.resendPending();
    }

    private void control(ControlMessage m) {
        if (m instanceof Contacts d) {
            contacts.replace(d);
        } else if (m instanceof ContactUpdate u) {
            contacts.contactChanged(u);
        } else if (m instanceof com.waltalk.protocol.control.Presence p) {
            contacts.presenceChanged(p);
        } else if (m instanceof CallHistory h) {
            calls.history(h);
        } else if (m instanceof CallUpdate c) {
            calls.updated(c);
        } else if (m instanceof ChatHistory h) {
            chats.history(h);
        } else if (m instanceof Chat c) {
            chats.received(c);
        } else if (m instanceof ErrorMessage e) {
            commands.relayError(e);
        } else {
            log.debug("ignoring {}", m.type());
        }
    }

    private void linkState(LinkState state, Failure failure, int attempt, long next) {
        ConnectionState s = ConnectionCoordinator.connectionState(state);
        if (s == ConnectionState.SIGNED_OUT) {
            calls.signedOut(); // ends the current call before the status says signed out
        }
        connection.changed(s, failure, attempt, next);
    }

    /** The relay client's reports, on the event thread (media on the receive thread). */
    private final class LinkListener implements RelayClient.Listener {
        @Override
        public void state(LinkState state, Failure failure, int attempt, long nextAttemptAtMillis) {
            linkState(state, failure, attempt, nextAttemptAtMillis);
        }

        @Override
        public void signedIn(SignedIn signedIn, RelayConnection relayConnection, boolean reconnected) {
            DesktopSession.this.signedIn(signedIn, reconnected);
        }

        @Override
        public void control(ControlMessage message) {
            DesktopSession.this.control(message);
        }

        @Override
        public void media(MediaFrame frame, int wireBytes) {
            media.received(frame, wireBytes);
        }

        @Override
        public void connectionLost() {
            // media stops by itself (no connection); the route stays for a resumed call
        }
    }
}
