package com.waltalk.relay.replication.pgoutput;

/**
 * One decoded message of PostgreSQL's {@code pgoutput} logical replication protocol (protocol
 * version 1), as produced by {@link PgOutputDecoder#decode(java.nio.ByteBuffer)}.
 *
 * <p>Each XLogData payload of a {@code pgoutput} replication stream carries exactly one such
 * message. All implementations are immutable records, except that {@link Insert}, {@link Update}
 * and {@link Delete} carry {@link TupleData} views over the message's buffer (see {@link
 * TupleData} for the buffer ownership rules) and {@link LogicalMessage#content()} exposes its
 * array.
 */
public sealed interface PgOutputMessage
        permits Begin, Commit, Origin, Relation, Type, Insert, Update, Delete, Truncate, LogicalMessage {
}
