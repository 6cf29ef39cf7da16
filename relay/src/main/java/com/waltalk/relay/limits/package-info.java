/**
 * Abuse limits that hold across connections, source addresses and every relay on one database
 * (issue 12, docs/OPERATIONS.md §12.4, docs/DECISIONS.md D37): {@link com.waltalk.relay.limits.Limit}
 * names every limit (key shape, default {@link com.waltalk.relay.limits.Rate}, setting);
 * {@link com.waltalk.relay.limits.SharedLimiter} keeps their token buckets in PostgreSQL
 * ({@code rate_limits}, one statement per check); {@link com.waltalk.relay.limits.SharedSignInGuard}
 * throttles password sign-ins per (name, address), per address and per name;
 * {@link com.waltalk.relay.limits.Registrations} decides who may register (open, invitation, closed;
 * per-address limit) with {@link com.waltalk.relay.limits.InviteStore}'s codes;
 * {@link com.waltalk.relay.limits.RequestLimits} is what the session handlers call for chat, rings and
 * contact requests; {@link com.waltalk.relay.limits.RefusalLog} summarises refusals per address per
 * minute; {@link com.waltalk.relay.limits.LimitHousekeeping} enforces chat retention and quota and
 * expires idle buckets.
 *
 * <p><b>May use</b> JDBC, shared-protocol, {@code accounts} (it implements its {@code SignInGuard} and
 * registers through its {@code AccountService}), {@code refusal}, shared-runtime and SLF4J. It must not
 * use {@code session}, {@code transport}, {@code fanout} or {@code state}.
 *
 * <p><b>Used by</b> {@code session} (its handlers call it first), {@code config} (the settings),
 * {@code cli} ({@code relay invite}, the {@code --limit-…} options) and the root package.
 *
 * <p>Thread-safety: every class is thread-safe; settings and results are immutable.
 */
package com.waltalk.relay.limits;
