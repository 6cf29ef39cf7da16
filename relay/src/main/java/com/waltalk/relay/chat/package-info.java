/**
 * The SQL of chat: storing a message once per {@code (sender, clientMsgId)} and reading a user's
 * history together with its MVCC snapshot ({@link com.waltalk.relay.chat.ChatStore}), and the
 * rows as {@link com.waltalk.relay.chat.ChatRecord}s. Delivery is not done here: a stored message
 * reaches its sender and recipient through the replication stream, and the session layer stitches
 * the history to the stream with the snapshot so that each message arrives exactly once.
 *
 * <p>Uses JDBC, {@link com.waltalk.protocol.ErrorCode} (refusals as
 * {@link com.waltalk.relay.RequestRefused}), {@code replication.TransactionSnapshot} (the snapshot
 * type) and {@code calls.CallStore}'s timestamp conversion. It must not use the relay's session,
 * transport, fan-out or state packages: they build on it, never the other way round.
 *
 * <p>Thread-safety: {@code ChatStore} is thread-safe (each call borrows its own connection);
 * records are immutable.
 */
package com.waltalk.relay.chat;
