/**
 * The SQL of chat: {@link com.waltalk.relay.chat.ChatStore} stores a message once per
 * {@code (sender, clientMsgId)} and reads a user's history together with its MVCC snapshot; rows are
 * {@link com.waltalk.relay.chat.ChatRecord}s. Delivery is not done here: a stored message reaches its
 * sender and recipient through the replication stream, and the session layer stitches the history to the
 * stream with the snapshot, so that each message arrives exactly once.
 *
 * <p><b>May use</b> JDBC (a {@code javax.sql.DataSource}), shared-protocol (error codes), {@code refusal}
 * ({@code RequestRefused}), {@code replication} (only {@code TransactionSnapshot}, the snapshot type)
 * and {@code calls} (only {@code CallStore.micros}). It must not use {@code session}, {@code transport},
 * {@code fanout} or {@code state}: they build on it, never the other way round.
 *
 * <p><b>Used by</b> {@code session} (sending, history, stitching), {@code state} (a replicated message's
 * row), {@code metrics} and the root package.
 *
 * <p>Thread-safety: {@code ChatStore} is thread-safe (each call borrows its own connection); records are
 * immutable.
 */
package com.waltalk.relay.chat;
