/**
 * The SQL of calls: the {@code calls} table, one transaction per transition
 * ({@link com.waltalk.relay.calls.CallStore}), and its rows as
 * {@link com.waltalk.relay.calls.CallRecord}s. What may happen to a call is not decided here but
 * in {@link com.waltalk.protocol.control.CallTransitions}: every guard and new state of the SQL is
 * built from that table ({@code TransitionSql}, {@link com.waltalk.relay.calls.CallStateSql}), and
 * refusals carry its reasons as {@link com.waltalk.relay.RequestRefused} with
 * {@link com.waltalk.protocol.ErrorCode}s. The store never reads back what it wrote: the outcome
 * reaches every relay, this one included, through the replication stream.
 *
 * <p>Uses JDBC, {@code com.waltalk.protocol} and its {@code control} package (call states and
 * transitions) and {@link com.waltalk.relay.RequestRefused}. It must not use the relay's session,
 * transport, fan-out, state or replication packages: they build on it ({@code session} calls the
 * store, {@code state} mirrors its rows, {@code chat} borrows its timestamp conversion), never the
 * other way round.
 *
 * <p>Thread-safety: {@code CallStore} is thread-safe (each call borrows its own connection);
 * records and the SQL constants are immutable.
 */
package com.waltalk.relay.calls;
