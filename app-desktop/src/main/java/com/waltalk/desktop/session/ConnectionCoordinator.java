package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.net.Authentication;
import com.waltalk.desktop.net.LinkState;
import com.waltalk.desktop.net.RelayClient;
import com.waltalk.protocol.control.SignedIn;
import java.util.concurrent.CompletableFuture;

/**
 * The session's side of the connection: starts and ends sign-ins on the {@link RelayClient}, knows who is
 * signed in and with which {@link Credentials}, and turns the client's link states into the model's
 * {@link ConnectionStatus}.
 *
 * <p>Thread-safety: {@link #start}, {@link #signOut}, {@link #status()} and {@link #credentials()} may be
 * called from any thread (the snapshots are volatile); everything else is confined to the session thread,
 * where the client reports.
 */
final class ConnectionCoordinator {

    private final RelayClient client;
    private final SessionListeners listeners;

    // session thread only
    private String me;

    // snapshots for the getters
    private volatile ConnectionStatus status = ConnectionStatus.INITIAL;
    private volatile Credentials credentials;
    private volatile String relayText;

    ConnectionCoordinator(RelayClient client, SessionListeners listeners) {
        this.client = client;
        this.listeners = listeners;
    }

    /** Starts a new session; completes with its credentials on the session thread. */
    CompletableFuture<Credentials> start(RelayEndpoint relay, Authentication auth) {
        relayText = relay.uri().toString();
        return client.start(relay, auth).thenApply(signedIn -> credentials);
    }

    CompletableFuture<Void> signOut() {
        return client.signOut();
    }

    /** The signed-in user (also while reconnecting), or {@code null} before the first sign-in; session thread. */
    String me() {
        return me;
    }

    /** Whether the session is signed in right now (not reconnecting). */
    boolean signedIn() {
        return status.signedIn();
    }

    ConnectionStatus status() {
        return status;
    }

    /** The credentials of the current or last session, or {@code null}. */
    Credentials credentials() {
        return credentials;
    }

    /**
     * Whether {@code signedIn} begins a new session, whose model starts empty, rather than resuming this
     * one after a reconnect (same user: directory, calls and chats carry on).
     */
    boolean startsNewSession(SignedIn signedIn, boolean reconnected) {
        return !reconnected || !signedIn.user().equals(me);
    }

    /** Signed in on a (new) connection: remembers who and publishes the credentials. */
    void signedIn(SignedIn signedIn) {
        me = signedIn.user();
        credentials = new Credentials(signedIn.user(), signedIn.token(),
                CallLog.micros(signedIn.tokenExpiresAtMicros()));
        listeners.publish(new SessionEvent.CredentialsIssued(credentials));
    }

    /** The model's name for a link state. */
    static ConnectionState connectionState(LinkState state) {
        return switch (state) {
            case IDLE -> ConnectionState.OFFLINE;
            case CONNECTING -> ConnectionState.CONNECTING;
            case SIGNED_IN -> ConnectionState.SIGNED_IN;
            case RECONNECTING -> ConnectionState.RECONNECTING;
            case SIGNED_OUT -> ConnectionState.SIGNED_OUT;
        };
    }

    /** The connection entered state {@code s}; publishes the new status. */
    void changed(ConnectionState s, Failure failure, int attempt, long next) {
        String user = s == ConnectionState.CONNECTING ? null : me;
        status = new ConnectionStatus(s, user, relayText, failure, attempt, next);
        listeners.publish(new SessionEvent.ConnectionChanged(status));
    }
}
