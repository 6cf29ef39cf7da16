/**
 * The media tables ({@code video_frames}, {@code audio_frames}; sql/migrations V1 and V4) described once:
 * {@link com.waltalk.relay.media.MediaTable} is each table's row mapper — the columns the relay writes,
 * the INSERT and its binds, and the column positions in a replicated {@code pgoutput} tuple.
 *
 * <p><b>May use</b>: {@code replication.pgoutput} ({@code Relation}, {@code TupleData}), shared-protocol's
 * media types and JDBC's {@code PreparedStatement}; no other relay package.
 *
 * <p><b>Used by</b> {@code ingest} (writing rows) and {@code fanout} (reading replicated rows); nothing
 * else needs the media tables' columns.
 */
package com.waltalk.relay.media;
