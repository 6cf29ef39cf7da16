package com.waltalk.relay.accounts;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed sign-ins on one client connection. Create one per connection; once {@link #exhausted()}
 * the caller closes the connection, so one socket cannot keep guessing across many user names.
 * Thread-safe.
 */
public final class ConnectionAttempts {

    public static final int DEFAULT_MAX_FAILURES = 10;

    private final int maxFailures;
    private final AtomicInteger failures = new AtomicInteger();

    public ConnectionAttempts() {
        this(DEFAULT_MAX_FAILURES);
    }

    public ConnectionAttempts(int maxFailures) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be positive: " + maxFailures);
        }
        this.maxFailures = maxFailures;
    }

    /** Counts one failed (or refused) sign-in; returns true if the connection must now be closed. */
    public boolean recordFailure() {
        return failures.incrementAndGet() >= maxFailures;
    }

    /** True once the connection has used up its failed sign-ins: no further attempt is evaluated. */
    public boolean exhausted() {
        return failures.get() >= maxFailures;
    }

    public int failures() {
        return failures.get();
    }
}
