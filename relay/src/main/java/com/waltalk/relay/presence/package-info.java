/**
 * The SQL of presence: {@link com.waltalk.relay.presence.PresenceStore} claims, re-claims and releases
 * users' {@code presence} rows, renews this relay's lease in {@code relays} and expires relays whose lease
 * ran out. One statement or transaction per transition; the outcome reaches every relay through the
 * replication stream.
 *
 * <p><b>May use</b> JDBC (a {@code javax.sql.DataSource}) only; no other relay package.
 *
 * <p><b>Used by</b> {@code session} (sign-in, close, re-claim), {@code state} ({@code Housekeeping}) and the
 * root package.
 */
package com.waltalk.relay.presence;
