/**
 * The way out to clients. {@link com.waltalk.relay.fanout.MediaFanout} is the replication stream's handler
 * for media rows: it routes each to its recipient's {@link com.waltalk.relay.fanout.OutboundQueue} on this
 * relay, only within an accepted call, re-framed with the stamped sender. The per-client
 * {@code OutboundQueue} is the slow-client policy (straight through while the client keeps up, then
 * latest-video-wins and a bounded FIFO for audio and control), drained by the
 * {@link com.waltalk.relay.fanout.DrainScheduler}; {@link com.waltalk.relay.fanout.ClientChannel} is the
 * transport as seen from here, and {@link com.waltalk.relay.fanout.LocalRecipients} the signed-in users
 * as seen from here.
 *
 * <p><b>May use</b>: {@code replication} ({@code ChangeHandler}), {@code replication.pgoutput}, {@code media}
 * (the media tables' columns), {@code state} ({@code LiveState}, for the call check), {@code calls}
 * ({@code CallRecord}), shared-protocol and shared-runtime. It must not use {@code session},
 * {@code transport}, {@code ingest}, {@code db}, JDBC, {@code metrics}, {@code health} or {@code cli}.
 *
 * <p><b>Used by</b> {@code session}, {@code transport}, {@code metrics} and the root package.
 * Dependencies between {@code session} and this package go one way: session → fanout.
 */
package com.waltalk.relay.fanout;
