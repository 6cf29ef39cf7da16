package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.Failure;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection state with its details.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param state            where the connection is
 * @param user             the signed-in user (also while {@code RECONNECTING}), or {@code null}
 * @param relay            the relay's address as text, or {@code null} before the first attempt
 * @param failure          why the state was entered when that was not the user's wish (a failed sign-in,
 *                         {@code SESSION_REPLACED}, {@code CONNECTION_LOST} while reconnecting, the last
 *                         reconnect attempt's failure...), or {@code null}
 * @param reconnectAttempt while {@code RECONNECTING}: how many attempts failed so far; else 0
 * @param nextAttemptAtMillis while {@code RECONNECTING}: wall-clock time of the next attempt, else 0
 */
public record ConnectionStatus(ConnectionState state, String user, String relay, Failure failure,
                               int reconnectAttempt, long nextAttemptAtMillis) {

    public static final ConnectionStatus INITIAL = new ConnectionStatus(ConnectionState.OFFLINE, null, null, null, 0, 0);

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
    }

    public Optional<Failure> failureIfAny() {
        return Optional.ofNullable(failure);
    }

    public boolean signedIn() {
        return state == ConnectionState.SIGNED_IN;
    }
}
