/**
 * A decoder of PostgreSQL's {@code pgoutput} logical replication protocol:
 * {@link com.waltalk.relay.replication.pgoutput.PgOutputDecoder} turns one message into a
 * {@link com.waltalk.relay.replication.pgoutput.PgOutputMessage} (Begin, Relation, Insert, Update, Delete,
 * Commit, ...), with rows as zero-copy {@link com.waltalk.relay.replication.pgoutput.TupleData} views into
 * the message and both the binary and the text column formats.
 *
 * <p><b>May use</b> the JDK only: no other relay package, no JDBC, no logging. It knows nothing of WalTalk's
 * tables.
 *
 * <p><b>Used by</b> {@code replication}, {@code media}, {@code fanout} and {@code state} (and, from outside
 * this module, relay-bench's raw capacity probe).
 */
package com.waltalk.relay.replication.pgoutput;
