package com.waltalk.relay.replication.pgoutput;

/**
 * Thrown when a {@code pgoutput} message cannot be decoded (malformed or truncated input, an
 * unknown message type byte, a change for a relation whose {@link Relation} message was never
 * seen) or when a column value cannot be read as the requested Java type (SQL {@code NULL},
 * unchanged TOAST value, type mismatch, unparsable text representation).
 *
 * <p>The decoder never lets {@link java.nio.BufferUnderflowException}, {@link
 * IndexOutOfBoundsException} or similar runtime exceptions escape for bad input: all such
 * conditions are reported as this checked exception.
 */
public final class PgOutputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message human readable description of the problem */
    public PgOutputException(String message) {
        super(message);
    }

    /**
     * @param message human readable description of the problem
     * @param cause underlying cause
     */
    public PgOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
