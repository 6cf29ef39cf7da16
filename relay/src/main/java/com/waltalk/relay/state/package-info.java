/**
 * The shared state as this relay mirrors it from the replication stream: {@link com.waltalk.relay.state.LiveState}
 * (directory, presence, active calls), {@link com.waltalk.relay.state.StateChangeHandler} (snapshot load and
 * stitching with the stream, then every change), and {@link com.waltalk.relay.state.Housekeeping} (the relay's
 * lease and its lapse, dead relays' presence, ring timeout, abandoned calls, token purge). It reaches the local
 * sessions only through the interfaces it declares: {@code SessionNotifier} and {@code LocalSessions}.
 *
 * <p><b>May use</b>: {@code replication}, {@code replication.pgoutput}, {@code calls}, {@code chat},
 * {@code presence}, {@code accounts}, {@code config} ({@code RelaySettings.Timeouts}), shared-protocol,
 * shared-runtime and JDBC. It must not use {@code session}, {@code fanout}, {@code transport},
 * {@code ingest}, {@code metrics}, {@code health} or {@code cli}.
 *
 * <p><b>Used by</b> {@code session}, {@code fanout}, {@code metrics} and the root package.
 */
package com.waltalk.relay.state;
