package com.waltalk.desktop.connection;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the relay is and how to trust it.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param uri   {@code ws://host:port/} (localhost and tests only: passwords cross in clear text) or
 *              {@code wss://host:port/}
 * @param trust a custom trust store for a {@code wss://} relay with a self-signed certificate, or
 *              {@code null} for the JDK's default trust anchors
 */
public record RelayEndpoint(URI uri, TrustStore trust) {

    public RelayEndpoint {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("relay address must start with ws:// or wss://: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("relay address has no host: " + uri);
        }
    }

    /** A relay trusted through the JDK's default trust anchors. */
    public static RelayEndpoint of(String uri) {
        return new RelayEndpoint(URI.create(uri), null);
    }

    /** A relay trusted through {@code trust}. */
    public static RelayEndpoint of(String uri, TrustStore trust) {
        return new RelayEndpoint(URI.create(uri), trust);
    }

    public boolean secure() {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    public Optional<TrustStore> trustStore() {
        return Optional.ofNullable(trust);
    }
}
