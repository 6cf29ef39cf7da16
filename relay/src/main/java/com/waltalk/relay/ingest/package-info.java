/**
 * The write path: {@link com.waltalk.relay.ingest.MediaWriter} queues accepted frames
 * ({@link com.waltalk.relay.ingest.InboundMedia}) per writer shard and group-commits them as INSERTs
 * (D31); {@link com.waltalk.relay.ingest.MediaTtlCleaner} expires media by truncating one-second
 * partitions ({@link com.waltalk.relay.ingest.MediaPartitions}, D19).
 *
 * <p><b>May use</b>: {@code db} ({@code DatabaseEndpoint}, for the writers' dedicated connections),
 * {@code media} (the rows it writes), shared-protocol's media types, shared-runtime and JDBC. It must
 * not use {@code session}, {@code fanout}, {@code transport}, {@code replication}, {@code state} or any
 * store package.
 *
 * <p><b>Used by</b> {@code session} ({@code MediaWriter}, {@code InboundMedia}), {@code metrics} and
 * the root package.
 */
package com.waltalk.relay.ingest;
