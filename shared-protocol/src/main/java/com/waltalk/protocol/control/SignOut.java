package com.waltalk.protocol.control;

/**
 * Client → relay: ends the signed-in session. The relay revokes the session's token, ends the
 * user's calls as if hung up, and closes the connection normally. Wire type {@value #TYPE}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public record SignOut() implements ControlMessage {

    /** The wire type of this message. */
    public static final String TYPE = "sign_out";

    @Override
    public String type() {
        return TYPE;
    }
}
