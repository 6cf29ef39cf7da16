package com.waltalk.protocol.control;

import java.util.Optional;

/**
 * Whether a user can be reached, as carried in the {@code status} property of {@link Presence}
 * and {@link ContactEntry}. Each constant has a stable lowercase {@linkplain #wire() wire
 * string}; the decoder rejects any other string with {@code bad_field}.
 *
 * <p>Thread-safety: immutable; safe to use from any thread.
 */
public enum PresenceStatus {
    /** Signed in on some connection and not in an accepted call. */
    ONLINE("online"),
    /** Signed in and a party to an accepted call. */
    IN_CALL("in_call"),
    /** Not signed in on any connection. */
    OFFLINE("offline");

    private static final PresenceStatus[] ALL = values();

    private final String wire;

    PresenceStatus(String wire) {
        this.wire = wire;
    }

    /** The stable lowercase string that identifies this status on the wire. */
    public String wire() {
        return wire;
    }

    /**
     * Looks up a status by its wire string.
     *
     * @param wire the wire string, may be {@code null}
     * @return the status, or empty if {@code wire} is {@code null} or not a known status
     */
    public static Optional<PresenceStatus> fromWire(String wire) {
        for (PresenceStatus status : ALL) {
            if (status.wire.equals(wire)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
