package com.waltalk.desktop.session;

import com.waltalk.desktop.call.CallMedia;
import com.waltalk.desktop.call.MediaLink;
import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.net.Authentication;
import com.waltalk.desktop.net.ErrorCodes;
import com.waltalk.desktop.net.LinkState;
import com.waltalk.desktop.net.RelayClient;
import com.waltalk.desktop.net.RelayConnection;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.UserNames;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.ChatSend;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.Directory;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.MediaFlags;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.protocol.control.PresenceEntry;
import com.waltalk.protocol.control.PresenceStatus;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.runtime.Threads;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionModel} implementation: a {@link RelayClient} for the connection, a {@link MediaLink} for
 * media, and the model state, all mutated on one event thread ({@code waltalk-session}).
 *
 * <p>Thread-safety: safe to use from any thread; see {@link SessionModel}.
 */
final class DesktopSession implements SessionModel {

    private static final Logger log = LoggerFactory.getLogger(DesktopSession.class);

    private final ScheduledExecutorService events;
    private final RelayClient client;
    private final MediaLink media;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    // event thread only
    private String me;
    private final Map<String, Presence> directory = new TreeMap<>();
    private final CallLog calls = new CallLog();
    private final ChatLog chats = new ChatLog();
    private Long currentCallId;
    private String lastCommand = "relay";
    private final Set<Long> announcedFinal = new HashSet<>();

    // snapshots for the getters
    private volatile ConnectionStatus status = ConnectionStatus.INITIAL;
    private volatile Credentials credentials;
    private volatile List<Contact> directorySnapshot = List.of();
    private volatile CallView currentSnapshot;
    private volatile List<CallView> historySnapshot = List.of();
    private volatile List<Conversation> conversationsSnapshot = List.of();
    private volatile int totalUnread;
    private volatile MediaSwitches local = MediaSwitches.ALL_ON;
    private volatile String relayText;

    DesktopSession(SessionOptions options) {
        events = Executors.newSingleThreadScheduledExecutor(Threads.named("waltalk-session"));
        client = new RelayClient(events, new LinkListener(), options.clientName(), options.reconnect(),
                options.connectTimeout(), options.pingInterval(), options.pongTimeout());
        media = new MediaLink(client::connection, client::clockOffsetMicros, client::roundTripMillis);
    }

    // ---- session commands ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Credentials> signIn(RelayEndpoint relay, String user, String password) {
        return start(relay, new Authentication.Password(user, password));
    }

    @Override
    public CompletableFuture<Credentials> register(RelayEndpoint relay, String user, String password) {
        return start(relay, new Authentication.NewAccount(user, password));
    }

    @Override
    public CompletableFuture<Credentials> signInWithToken(RelayEndpoint relay, String token) {
        return start(relay, new Authentication.Token(token));
    }

    private CompletableFuture<Credentials> start(RelayEndpoint relay, Authentication auth) {
        relayText = relay.uri().toString();
        return client.start(relay, auth).thenApply(signedIn -> credentials);
    }

    @Override
    public CompletableFuture<Void> signOut() {
        return client.signOut();
    }

    // ---- call commands ---------------------------------------------------------------------------------

    @Override
    public void call(String user) {
        events.execute(() -> {
            if (!requireSignedIn("call")) {
                return;
            }
            if (!UserNames.isValid(user)) {
                failed("call", Failure.of(FailureKind.BAD_USER_NAME));
            } else if (user.equals(me)) {
                failed("call", Failure.of(FailureKind.REJECTED, "you cannot call yourself"));
            } else if (currentCallId != null) {
                failed("call", Failure.of(FailureKind.REJECTED, "already in a call"));
            } else {
                send("call", new CallStart(user));
            }
        });
    }

    @Override
    public void accept() {
        events.execute(() -> onCurrentCall("accept", CallPhase.INCOMING_RINGING, id -> new CallAccept(id)));
    }

    @Override
    public void decline() {
        events.execute(() -> onCurrentCall("decline", CallPhase.INCOMING_RINGING, id -> new CallDecline(id)));
    }

    @Override
    public void hangup() {
        events.execute(() -> onCurrentCall("hangup", null, id -> new CallHangup(id)));
    }

    private void onCurrentCall(String command, CallPhase needed, java.util.function.LongFunction<ControlMessage> m) {
        if (!requireSignedIn(command)) {
            return;
        }
        CallView current = currentSnapshot;
        if (current == null || (needed != null && current.phase() != needed)) {
            failed(command, Failure.of(FailureKind.REJECTED,
                    current == null ? "there is no call" : "the call is " + current.phase()));
            return;
        }
        send(command, m.apply(current.callId()));
    }

    @Override
    public void setMuted(boolean muted) {
        events.execute(() -> setLocal(local.withMic(!muted)));
    }

    @Override
    public void setCameraOn(boolean on) {
        events.execute(() -> setLocal(local.withCamera(on)));
    }

    private void setLocal(MediaSwitches switches) {
        if (switches.equals(local)) {
            return;
        }
        local = switches;
        media.switches(switches.cameraOn(), switches.micOn());
        publish(new SessionEvent.LocalMediaChanged(switches));
        syncMyFlags();
    }

    /** Tells the relay my switches if the accepted call does not show them yet. */
    private void syncMyFlags() {
        if (currentCallId == null || me == null || !status.signedIn()) {
            return;
        }
        CallUpdate c = calls.get(currentCallId);
        if (c == null || c.callState() != CallState.ACCEPTED) {
            return;
        }
        MediaSwitches mine = local;
        MediaFlags recorded = CallLog.myFlags(c, me);
        if (recorded.videoOn() != mine.cameraOn() || recorded.audioOn() != mine.micOn()) {
            send("setMedia", new MediaState(c.callId(), mine.cameraOn(), mine.micOn()));
        }
    }

    // ---- chat commands ---------------------------------------------------------------------------------

    @Override
    public void sendChat(String peer, String body) {
        events.execute(() -> {
            if (me == null) {
                failed("sendChat", Failure.of(FailureKind.NOT_SIGNED_IN));
                return;
            }
            String id = UUID.randomUUID().toString();
            ChatSend message;
            try {
                message = new ChatSend(peer, body, id);
            } catch (IllegalArgumentException e) {
                failed("sendChat", Failure.of(FailureKind.REJECTED, e.getMessage()));
                return;
            }
            if (peer.equals(me)) {
                failed("sendChat", Failure.of(FailureKind.REJECTED, "you cannot chat with yourself"));
                return;
            }
            chats.pending(peer, body, id);
            if (status.signedIn()) {
                send("sendChat", message);
            }
            conversationChanged(peer);
        });
    }

    @Override
    public void markChatRead(String peer) {
        events.execute(() -> {
            if (chats.markRead(peer)) {
                conversationChanged(peer);
            }
        });
    }

    // ---- getters ---------------------------------------------------------------------------------------

    @Override
    public ConnectionStatus connection() {
        return status;
    }

    @Override
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    @Override
    public List<Contact> directory() {
        return directorySnapshot;
    }

    @Override
    public Optional<CallView> currentCall() {
        return Optional.ofNullable(currentSnapshot);
    }

    @Override
    public List<CallView> callHistory() {
        return historySnapshot;
    }

    @Override
    public Conversation conversation(String peer) {
        return conversationsSnapshot.stream().filter(c -> c.peer().equals(peer)).findFirst()
                .orElse(new Conversation(peer, List.of(), 0));
    }

    @Override
    public List<Conversation> conversations() {
        return conversationsSnapshot;
    }

    @Override
    public int totalUnread() {
        return totalUnread;
    }

    @Override
    public MediaSwitches localMedia() {
        return local;
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
        if (!reconnected || !signedIn.user().equals(me)) {
            resetModel();
        }
        me = signedIn.user();
        credentials = new Credentials(signedIn.user(), signedIn.token(),
                CallLog.micros(signedIn.tokenExpiresAtMicros()));
        publish(new SessionEvent.CredentialsIssued(credentials));
        for (ChatLine line : chats.allPending()) { // sent again; the relay stores each clientMsgId once
            client.send(new ChatSend(line.peer(), line.body(), line.clientMsgId()));
        }
    }

    private void resetModel() {
        directory.clear();
        calls.clear();
        chats.clear();
        announcedFinal.clear();
        currentCallId = null;
        media.unroute();
        directorySnapshot = List.of();
        currentSnapshot = null;
        historySnapshot = List.of();
        conversationsSnapshot = List.of();
        totalUnread = 0;
    }

    private void control(ControlMessage m) {
        if (m instanceof Directory d) {
            directory.clear();
            for (PresenceEntry e : d.users()) {
                if (!e.user().equals(me)) {
                    directory.put(e.user(), presence(e.status()));
                }
            }
            directoryChanged();
        } else if (m instanceof com.waltalk.protocol.control.Presence p) {
            if (!p.user().equals(me) && directory.put(p.user(), presence(p.status())) != presence(p.status())) {
                directoryChanged();
            }
        } else if (m instanceof CallHistory h) {
            boolean changed = false;
            for (CallUpdate c : h.calls()) {
                changed |= applyCall(c, false);
            }
            if (changed) {
                historyChanged();
            }
        } else if (m instanceof CallUpdate c) {
            if (applyCall(c, true)) {
                historyChanged();
            }
        } else if (m instanceof ChatHistory h) {
            Set<String> peers = new java.util.LinkedHashSet<>();
            for (Chat c : h.messages()) {
                String peer = chats.confirmed(c, me);
                if (peer != null) {
                    peers.add(peer);
                }
            }
            peers.forEach(this::conversationChanged);
        } else if (m instanceof Chat c) {
            String peer = chats.confirmed(c, me);
            if (peer != null) {
                conversationChanged(peer);
            }
        } else if (m instanceof ErrorMessage e) {
            relayError(e);
        } else {
            log.debug("ignoring {}", m.type());
        }
    }

    /** Applies one call update; returns whether the history changed. */
    private boolean applyCall(CallUpdate c, boolean live) {
        CallUpdate previous = calls.put(c);
        if (c.equals(previous)) {
            return false;
        }
        CallView view = CallLog.view(c, me);
        boolean isCurrent = currentCallId != null && currentCallId == c.callId();
        if (!c.callState().isFinal()) {
            if (currentCallId == null || isCurrent || c.callId() > currentCallId) {
                currentCallId = c.callId();
                currentSnapshot = view;
                if (c.callState() == CallState.ACCEPTED) {
                    media.route(c.callId(), view.peer());
                } else {
                    media.unroute();
                }
                publish(new SessionEvent.CallChanged(view));
                syncMyFlags();
            }
        } else if (isCurrent) {
            endCurrent(view);
        } else if (live && previous == null && view.outgoing() && announcedFinal.add(c.callId())) {
            // a call I just started that ended at once: busy, or missed because the callee is offline
            publish(new SessionEvent.CallChanged(view));
        }
        return true;
    }

    private void endCurrent(CallView view) {
        currentCallId = null;
        currentSnapshot = null;
        media.unroute();
        announcedFinal.add(view.callId());
        publish(new SessionEvent.CallChanged(view));
    }

    private void relayError(ErrorMessage e) {
        Optional<ErrorCode> code = ErrorCode.fromWire(e.code());
        // media in flight around a call's end, and media under load: expected, not a command's failure
        if (code.isPresent() && (code.get() == ErrorCode.NOT_IN_CALL && !lastCommand.equals("setMedia")
                || code.get() == ErrorCode.OVERLOADED)) {
            log.debug("relay: {} {}", e.code(), e.message());
            return;
        }
        failed(lastCommand, ErrorCodes.toFailure(e, false));
    }

    private void linkState(LinkState state, Failure failure, int attempt, long next) {
        ConnectionState s = switch (state) {
            case IDLE -> ConnectionState.OFFLINE;
            case CONNECTING -> ConnectionState.CONNECTING;
            case SIGNED_IN -> ConnectionState.SIGNED_IN;
            case RECONNECTING -> ConnectionState.RECONNECTING;
            case SIGNED_OUT -> ConnectionState.SIGNED_OUT;
        };
        if (s == ConnectionState.SIGNED_OUT && currentCallId != null) {
            // the relay hangs up on sign-out; a replaced session's call goes on elsewhere: here it is over
            CallUpdate c = calls.get(currentCallId);
            CallView v = CallLog.view(c, me);
            CallOutcome outcome = switch (v.phase()) {
                case OUTGOING_RINGING -> CallOutcome.CANCELLED;
                case INCOMING_RINGING -> CallOutcome.DECLINED;
                default -> CallOutcome.ENDED;
            };
            endCurrent(new CallView(v.callId(), v.peer(), v.outgoing(), CallPhase.ENDED, outcome, true,
                    v.createdAt(), v.answeredAt(), Instant.now(), v.peerMedia()));
        }
        String user = s == ConnectionState.CONNECTING ? null : me;
        status = new ConnectionStatus(s, user, relayText, failure, attempt, next);
        publish(new SessionEvent.ConnectionChanged(status));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private boolean requireSignedIn(String command) {
        if (!status.signedIn()) {
            failed(command, Failure.of(FailureKind.NOT_SIGNED_IN));
            return false;
        }
        return true;
    }

    private void send(String command, ControlMessage message) {
        lastCommand = command;
        if (!client.send(message)) {
            failed(command, Failure.of(FailureKind.NOT_SIGNED_IN, "the connection is down"));
        }
    }

    private void failed(String command, Failure failure) {
        publish(new SessionEvent.CommandFailed(command, failure));
    }

    private static Presence presence(String wire) {
        return switch (PresenceStatus.fromWire(wire).orElse(PresenceStatus.OFFLINE)) {
            case ONLINE -> Presence.ONLINE;
            case IN_CALL -> Presence.IN_CALL;
            case OFFLINE -> Presence.OFFLINE;
        };
    }

    private void directoryChanged() {
        directorySnapshot = directory.entrySet().stream().map(e -> new Contact(e.getKey(), e.getValue())).toList();
        publish(new SessionEvent.DirectoryChanged(directorySnapshot));
    }

    private void historyChanged() {
        historySnapshot = List.copyOf(calls.history(me));
        publish(new SessionEvent.CallHistoryChanged(historySnapshot));
    }

    private void conversationChanged(String peer) {
        conversationsSnapshot = chats.conversations();
        totalUnread = chats.totalUnread();
        publish(new SessionEvent.ConversationChanged(chats.conversation(peer), totalUnread));
    }

    private void publish(SessionEvent event) {
        for (SessionListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("session listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The relay client's reports, on the event thread (media on the receive thread). */
    private final class LinkListener implements RelayClient.Listener {
        @Override
        public void state(LinkState state, Failure failure, int attempt, long nextAttemptAtMillis) {
            linkState(state, failure, attempt, nextAttemptAtMillis);
        }

        @Override
        public void signedIn(SignedIn signedIn, RelayConnection connection, boolean reconnected) {
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
