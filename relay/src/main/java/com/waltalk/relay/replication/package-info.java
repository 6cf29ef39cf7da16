/**
 * The event source: {@link com.waltalk.relay.replication.ReplicationService} keeps the relay's logical
 * replication stream open (reconnecting with backoff), decodes it with {@code replication.pgoutput}, hands
 * row changes in commit order to a {@link com.waltalk.relay.replication.ChangeHandler} and acknowledges
 * each commit once it is handed off. Also the stream's set-up: {@code LogicalReplicationConnection}
 * (pgjdbc), {@code ReplicationSlots}, {@code Publications}; and what handlers share:
 * {@code ChangeHandler.Transaction}, {@code CompositeChangeHandler}, {@code TransactionSnapshot}.
 *
 * <p><b>May use</b>: {@code replication.pgoutput}, {@code db} ({@code DatabaseEndpoint}), pgjdbc (this and
 * {@code db} are the only relay packages that may use {@code org.postgresql}), shared-runtime. It must not
 * use any package that consumes the stream ({@code fanout}, {@code state}, {@code session}, {@code chat},
 * ...): they implement {@code ChangeHandler} instead.
 *
 * <p><b>Used by</b> {@code fanout} and {@code state} (handlers), {@code session} and {@code chat}
 * ({@code Transaction}, {@code TransactionSnapshot}), {@code metrics} and the root package (and, from
 * outside this module, relay-bench).
 */
package com.waltalk.relay.replication;
