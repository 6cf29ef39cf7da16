/**
 * The vocabulary of a connection to a relay, as plain values: where the relay is and how to trust it
 * ({@link com.waltalk.desktop.connection.RelayEndpoint}, {@link com.waltalk.desktop.connection.TrustStore}),
 * how to back off between reconnects ({@link com.waltalk.desktop.connection.ReconnectPolicy}), and why
 * something failed ({@link com.waltalk.desktop.connection.Failure},
 * {@link com.waltalk.desktop.connection.FailureKind}, {@link com.waltalk.desktop.connection.FailureException}).
 * It exists so that the screens can name a relay and explain a failure without seeing the network layer.
 *
 * <p><b>Uses</b> only the JDK: no other desktop package, no shared-protocol, no Tyrus, no JavaFX.
 * <b>Used by</b> {@code net} (which produces the failures), {@code session}, the {@code ui} packages, the
 * composition root and {@code bench}.
 *
 * <p><b>Threads.</b> Everything here is immutable; safe to share between threads.
 */
package com.waltalk.desktop.connection;
