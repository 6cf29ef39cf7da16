/**
 * The SQL of calls: {@link com.waltalk.relay.calls.CallStore} starts calls and moves them through their
 * states, one transaction per transition with the row locked, and reads them as
 * {@link com.waltalk.relay.calls.CallRecord}s. What may happen to a call is not decided here but in
 * shared-protocol's {@link com.waltalk.protocol.control.CallTransitions}: every guard, new state and
 * {@code answered_at}/{@code ended_at}/{@code ended_by} assignment is built from that table
 * ({@code TransitionSql}, {@link com.waltalk.relay.calls.CallStateSql}), and refusals carry its reasons. The
 * store never reads back what it wrote: the outcome reaches every relay, this one included, through the
 * replication stream.
 *
 * <p><b>May use</b> JDBC (a {@code javax.sql.DataSource}), shared-protocol (error codes, call states and
 * transitions) and {@code refusal} ({@code RequestRefused}); no other relay package. It must not use
 * {@code session}, {@code transport}, {@code fanout}, {@code state} or {@code replication}: they build on
 * it, never the other way round.
 *
 * <p><b>Used by</b> {@code session} (the store), {@code state} (rows of the mirror, the active-state
 * IN-list of its snapshot query, the housekeeping's ring timeout and abandoned calls), {@code fanout} and
 * {@code metrics} (through {@code LiveState}'s {@code CallRecord}s), {@code chat} (only
 * {@code CallStore.micros}) and the root package.
 *
 * <p>Thread-safety: {@code CallStore} is thread-safe (each call borrows its own connection); records and
 * the SQL texts are immutable.
 */
package com.waltalk.relay.calls;
