package com.waltalk.protocol;

/**
 * The version of the WalTalk wire protocol implemented by this module.
 *
 * <p>It is carried in the first byte of every binary media frame and in the {@code protocol}
 * field of the {@code hello} and {@code welcome} control messages.
 *
 * <p>Thread-safety: constants only; safe to use from any thread.
 */
public final class ProtocolVersion {

    /** The protocol version this build speaks. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }
}
