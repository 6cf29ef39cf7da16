package com.waltalk.desktop.connection;

import java.util.Objects;

/**
 * Carries a {@link Failure} through a failed future or a throwing call.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class FailureException extends Exception {

    private final Failure failure;

    public FailureException(Failure failure) {
        super(Objects.requireNonNull(failure, "failure").kind() + ": " + failure.detail());
        this.failure = failure;
    }

    public FailureException(Failure failure, Throwable cause) {
        super(Objects.requireNonNull(failure, "failure").kind() + ": " + failure.detail(), cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
