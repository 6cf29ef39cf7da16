package com.waltalk.relay.limits;

import com.waltalk.protocol.UserNames;
import com.waltalk.relay.accounts.Account;
import com.waltalk.relay.accounts.SignInGuard;
import com.waltalk.relay.accounts.SignInThrottle.Decision;
import com.waltalk.relay.limits.SharedLimiter.Check;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Password sign-in throttling shared by every relay on the database, counted so that guessing from
 * one place cannot lock the owner out from another:
 * <ul>
 *   <li>{@link Limit#SIGN_IN_PAIR} per (user name, source address): the guesser's own bucket; a
 *       success from that address empties it again;</li>
 *   <li>{@link Limit#SIGN_IN_ADDRESS} per source address, whatever the names (one address guessing
 *       many names);</li>
 *   <li>{@link Limit#SIGN_IN_ACCOUNT} per user name, only from addresses that have never signed in
 *       to that account ({@code sign_in_addresses}): a guess spread over many addresses is slowed
 *       down for the name while the owner, from an address they signed in from before, still gets in.</li>
 * </ul>
 * Unknown names are counted like existing ones (by case-folded name), so throttling does not tell
 * which names exist. Every attempt counts when it starts (a burst of parallel guesses cannot all be
 * checked first). Failures and refusals go to the {@link RefusalLog}, not to a line each.
 *
 * <p>Blocking (JDBC); called on the password-check pool. Thread-safe.
 */
public final class SharedSignInGuard implements SignInGuard {

    private final DataSource dataSource;
    private final SharedLimiter limiter;
    private final RefusalLog refusals;

    public SharedSignInGuard(DataSource dataSource, SharedLimiter limiter, RefusalLog refusals) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    @Override
    public Decision begin(String name, String address, Optional<Account> account) throws SQLException {
        String who = UserNames.key(name);
        String from = SourceAddress.of(address);
        List<Check> checks = new ArrayList<>(3);
        checks.add(Check.of(Limit.SIGN_IN_PAIR, who, from));
        checks.add(Check.of(Limit.SIGN_IN_ADDRESS, from));
        if (account.isEmpty() || !knownAddress(account.get().id(), from)) {
            checks.add(Check.of(Limit.SIGN_IN_ACCOUNT, who));
        }
        SharedLimiter.Decision d = limiter.tryAcquire(checks);
        return d.allowed() ? Decision.ALLOWED : Decision.throttled(d.retryAfterMillis());
    }

    @Override
    public void succeeded(Account account, String address) throws SQLException {
        String from = SourceAddress.of(address);
        limiter.reset(List.of(Check.of(Limit.SIGN_IN_PAIR, UserNames.key(account.name()), from)));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO sign_in_addresses (account_id, address) "
                     + "VALUES (?, ?) ON CONFLICT (account_id, address) DO UPDATE SET last_success = now()")) {
            ps.setLong(1, account.id());
            ps.setString(2, from);
            ps.executeUpdate();
        }
    }

    @Override
    public void failed(String name, String address) {
        refusals.record(address, "sign-in bad_credentials");
    }

    @Override
    public void refused(String name, String address, long retryAfterMillis) {
        refusals.record(address, "sign-in throttled");
    }

    private boolean knownAddress(long accountId, String address) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT 1 FROM sign_in_addresses WHERE account_id = ? AND address = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
