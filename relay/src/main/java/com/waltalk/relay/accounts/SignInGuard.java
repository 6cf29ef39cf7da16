package com.waltalk.relay.accounts;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What slows down password guessing, as {@link AccountService#signIn} consults it around each
 * password check. The relay's is shared through the database and counts per (user name, source
 * address), per address and per name (the {@code limits} package); {@link SignInThrottle} is the
 * old in-memory one, per name only. Implementations are thread-safe.
 */
public interface SignInGuard {

    /**
     * Before checking a password for {@code name} from {@code address}: counts the attempt (as a
     * failure until {@link #succeeded}) and says whether it may go ahead.
     *
     * @param account the account of that name, if there is one
     */
    SignInThrottle.Decision begin(String name, String address, Optional<Account> account) throws SQLException;

    /** The password was right. */
    void succeeded(Account account, String address) throws SQLException;

    /** The password was wrong, or there is no such user. */
    void failed(String name, String address);

    /** An attempt {@link #begin} refused. */
    default void refused(String name, String address, long retryAfterMillis) {
    }
}
