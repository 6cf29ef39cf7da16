package com.waltalk.desktop.session;

import java.util.Objects;

/**
 * One other user in the relay's directory.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user     the user name
 * @param presence the latest presence the relay reported
 */
public record Contact(String user, Presence presence) {
    public Contact {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(presence, "presence");
    }
}
