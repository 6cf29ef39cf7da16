/**
 * The connection to a relay: one WebSocket per {@link com.waltalk.desktop.net.RelayConnection} (Tyrus
 * standalone client over Grizzly, TLS through {@code TlsTrust}) that decodes control and media and writes
 * through an {@code OutboundQueue} (control FIFO, audio FIFO of at most 25, a latest-wins video slot), and
 * {@link com.waltalk.desktop.net.RelayClient}, the link that survives drops: sign-in handshake, keepalive,
 * clock offset and round-trip time, reconnects with backoff and the latest token. {@code ConnectFailures}
 * and {@code ErrorCodes} turn exceptions and relay errors into {@code connection.Failure}s.
 *
 * <p><b>Uses</b> {@code connection}, shared-protocol, shared-runtime, Tyrus/Grizzly and JSSE; nothing else
 * of the desktop. <b>Used by</b> {@code session} (which owns the client) and {@code call} (whose
 * {@code MediaLink} queues frames on the signed-in connection) only. <b>Must not be used by</b> the
 * {@code ui} packages or the composition root: they see the connection through {@code session.SessionModel}
 * and its vocabulary through {@code connection}.
 *
 * <p><b>Threads.</b> The client's state lives on the executor its owner passes in (the
 * {@code waltalk-session} thread) and every listener call but media is made there. Connects block on
 * {@code relay-connect}; each connection writes on its own {@code relay-send-N}; Tyrus/Grizzly threads
 * receive, hand control messages to the owner's executor and deliver media straight to the listener. No
 * caller ever blocks on the socket.
 */
package com.waltalk.desktop.net;
