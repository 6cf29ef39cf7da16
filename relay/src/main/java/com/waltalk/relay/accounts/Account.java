package com.waltalk.relay.accounts;

import java.time.Instant;

/**
 * A registered user. {@code name} is the spelling given at registration. Immutable.
 *
 * @param passwordHash bcrypt hash; left out of {@link #toString()} so that logging an account never
 *                     writes it anywhere
 */
public record Account(long id, String name, String passwordHash, Instant createdAt) {

    @Override
    public String toString() {
        return "Account[id=" + id + ", name=" + name + ", createdAt=" + createdAt + "]";
    }
}
