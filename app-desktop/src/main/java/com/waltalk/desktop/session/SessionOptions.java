package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.ReconnectPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of a {@link SessionModel}; {@link #DEFAULT} is what the app uses.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param clientName     sent in {@code hello.client} (diagnostics on the relay)
 * @param reconnect      backoff between reconnect attempts
 * @param connectTimeout how long one connection attempt (TCP, TLS, WebSocket upgrade) may take
 * @param pingInterval   how often to ping the relay (keepalive, round-trip time)
 * @param pongTimeout    a connection without any message from the relay for this long is considered dead
 */
public record SessionOptions(String clientName, ReconnectPolicy reconnect, Duration connectTimeout,
                             Duration pingInterval, Duration pongTimeout) {

    public static final SessionOptions DEFAULT = new SessionOptions("WalTalk-desktop", ReconnectPolicy.DEFAULT,
            Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15));

    public SessionOptions {
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pongTimeout, "pongTimeout");
    }

    public SessionOptions withReconnect(ReconnectPolicy policy) {
        return new SessionOptions(clientName, policy, connectTimeout, pingInterval, pongTimeout);
    }

    public SessionOptions withKeepalive(Duration ping, Duration timeout) {
        return new SessionOptions(clientName, reconnect, connectTimeout, ping, timeout);
    }
}
