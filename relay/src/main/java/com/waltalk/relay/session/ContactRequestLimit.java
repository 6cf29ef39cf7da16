package com.waltalk.relay.session;

import com.waltalk.relay.refusal.RequestRefused;
import java.sql.SQLException;

/**
 * Admits a contact request of an account, or refuses it with {@code rate_limited}: requests are limited
 * per account per day, shared by every relay on the database, so that names cannot be enumerated and
 * strangers cannot be pestered. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ContactRequestLimit {

    /** @throws RequestRefused {@code rate_limited}, with the wait in its message */
    void acquire(long accountId) throws RequestRefused, SQLException;
}
