/**
 * The WebSocket transport (Java-WebSocket 1.6.0): {@link com.waltalk.relay.transport.RelayWebSocketServer}
 * maps connections to {@code ClientSession}s and hands every message to the {@code SessionController};
 * socket options, the sign-in timeout, TLS ({@code TlsContexts}), client frames unmasked eight bytes at a
 * time before parsing ({@code ClientFrameUnmasker}, D18), every message bounded even when fragmented
 * ({@code BoundedDraft}), and the lingering close that lets a closed client still read why
 * ({@code LingeringCloser}, D17). Connection hygiene (docs/OPERATIONS.md 12.1): every accepted socket is
 * admitted or refused before anything is allocated for it ({@code AdmissionFactory}, {@code ConnectionGate}:
 * per-address and relay-wide caps, the latter sized by {@code ConnectionBudget}), stays small until its handshake
 * is done ({@code GuardedWebSocket}) and is closed if that takes longer than the deadline
 * ({@code HandshakeDeadline}); behind trusted proxies the client's address comes from {@code X-Forwarded-For}
 * ({@code ForwardedFor}); {@code ListenerProbe} checks for {@code /healthz} that the listener really answers.
 * Knows nothing of the protocol's messages.
 *
 * <p><b>May use</b>: {@code session} ({@code SessionController}, {@code ClientSession}), {@code fanout}
 * ({@code ClientChannel}, which {@code WebSocketChannel} implements), shared-protocol ({@code ErrorCode},
 * {@code CloseCode}, {@code Limits}), {@code config} ({@code RelaySettings.Connections}, {@code AddressBlock}),
 * shared-runtime, Java-WebSocket and JSSE. This is the only relay
 * package that may use {@code org.java_websocket}.
 *
 * <p><b>Used by</b> the root package only.
 */
package com.waltalk.relay.transport;
