/**
 * Accounts: the {@code users} table ({@link com.waltalk.relay.accounts.AccountStore}), bcrypt passwords
 * ({@link com.waltalk.relay.accounts.PasswordHasher}, {@link com.waltalk.relay.accounts.PasswordPolicy}),
 * hashed session tokens ({@link com.waltalk.relay.accounts.TokenService}), the per-relay throttle of failed
 * sign-ins ({@link com.waltalk.relay.accounts.SignInThrottle},
 * {@link com.waltalk.relay.accounts.ConnectionAttempts}), and registration, sign-in, resuming and signing out
 * as the session layer uses them ({@link com.waltalk.relay.accounts.AccountService}, answering a
 * {@link com.waltalk.relay.accounts.SignInResult} whose failures carry protocol error codes). User names
 * follow shared-protocol's {@code UserNames}, password lengths its {@code Limits}.
 *
 * <p><b>May use</b> JDBC (a {@code javax.sql.DataSource}), bcrypt, shared-protocol and SLF4J; no other relay
 * package. It must not use {@code session}, {@code transport}, {@code fanout} or {@code state}: they build on
 * it, never the other way round.
 *
 * <p><b>Used by</b> {@code session} (sign-in), {@code state} (the token purge of {@code Housekeeping}),
 * {@code cli} ({@code relay user}) and the root package.
 *
 * <p>Thread-safety: {@code AccountService}, the stores, the hasher and the throttle are thread-safe; results
 * and records are immutable.
 */
package com.waltalk.relay.accounts;
