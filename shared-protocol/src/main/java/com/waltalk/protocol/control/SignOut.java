package com.waltalk.protocol.control;

/**
 * Client → relay: ends the signed-in session. The relay revokes the session's token, ends the
 * user's calls as if hung up, and closes the connection normally.
 * Wire type {@link MessageType#SIGN_OUT}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 */
public record SignOut() implements ControlMessage {

    @Override
    public MessageType type() {
        return MessageType.SIGN_OUT;
    }
}
