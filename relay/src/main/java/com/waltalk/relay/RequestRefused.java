package com.waltalk.relay;

/**
 * A client request the relay's rules refuse (not a failure): the message names the reason for the
 * client, {@link #code()} is the protocol error code to answer with. Stores throw it; the session
 * layer turns it into an {@code error} message.
 */
public final class RequestRefused extends Exception {

    private final String code;

    public RequestRefused(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
