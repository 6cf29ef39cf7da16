/**
 * What each client message means. {@link com.waltalk.relay.session.SessionController} rate-limits and
 * decodes control messages and routes them by the connection's phase and the message's type to
 * {@code SignInHandler} (hello, register, sign-in, sign-out, the end of a removed account's session,
 * the clean-up after a close), {@code CallHandler}, {@code ChatHandler}, and a signed-in connection's
 * binary messages to {@code MediaIngress} (media authorization, stamping with the signed-in user, hand-off
 * to the write path, flood meter); {@code Replies} holds the answers and the abuse window they count
 * towards. Also here: {@link com.waltalk.relay.session.ClientSession} (one connection, its serial worker,
 * its per-connection limits), the newest-sign-in-wins
 * {@link com.waltalk.relay.session.SessionRegistry}, {@link com.waltalk.relay.session.SessionNotifications}
 * (replicated state changes → protocol messages, implementing {@code state.SessionNotifier}), per-session
 * chat stitching ({@code ChatFeed}) and {@link com.waltalk.relay.session.PresenceReclaimer}
 * (implementing {@code state.LocalSessions}).
 *
 * <p><b>May use</b>: {@code state}, {@code accounts}, {@code calls}, {@code chat}, {@code presence}
 * (the stores, for all database work: this package opens no connection of its own), {@code fanout}
 * (a session's {@code OutboundQueue}, {@code ClientChannel}, {@code OutboundStats}, and
 * {@code LocalRecipients}, which the registry implements), {@code ingest} ({@code MediaWriter},
 * {@code InboundMedia}), {@code replication} (only {@code ChangeHandler.Transaction} and
 * {@code TransactionSnapshot}), {@code refusal} ({@code RequestRefused}), shared-protocol and
 * shared-runtime. It must not use {@code transport} or Java-WebSocket (the transport is a
 * {@code ClientChannel}), {@code replication.pgoutput}, {@code db}, {@code metrics}, {@code health}
 * or {@code cli}.
 *
 * <p><b>Used by</b> {@code transport}, {@code metrics} and the root package only. {@code fanout} and
 * {@code state} must not use it: they declare the interfaces this package implements
 * ({@code LocalRecipients}, {@code SessionNotifier}, {@code LocalSessions}).
 */
package com.waltalk.relay.session;
