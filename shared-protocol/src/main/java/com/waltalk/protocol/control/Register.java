package com.waltalk.protocol.control;

/**
 * Client → relay, after {@link Welcome}: creates an account and signs the connection in as it;
 * answered by {@link SignedIn}. Wire type {@link MessageType#REGISTER}.
 *
 * <p>The codec only checks the password's shape; the relay decides what is strong enough
 * ({@code weak_password}).
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user the new account's user name; a valid user name
 * @param password 1..{@value com.waltalk.protocol.Limits#MAX_PASSWORD_CHARS} code points of
 *     text (no control characters but tab, line feed, carriage return; no unpaired surrogates)
 * @param invite an invite code from the relay's operator, or {@code null}; needed when the
 *     relay's registration is by invitation ({@code invite_required})
 */
public record Register(String user, String password, String invite) implements ControlMessage {

    /** @throws IllegalArgumentException if {@code user}, {@code password} or {@code invite} is invalid */
    public Register {
        FieldRules.require(() -> {
            FieldRules.user("user", user);
            FieldRules.password("password", password);
            FieldRules.optionalInvite("invite", invite);
        });
    }

    /** A registration without an invite code. */
    public Register(String user, String password) {
        this(user, password, null);
    }

    @Override
    public MessageType type() {
        return MessageType.REGISTER;
    }

    /** Like the generated one, but never shows the password. */
    @Override
    public String toString() {
        return "Register[user=" + user + ", password=***" + (invite == null ? "" : ", invite=***") + "]";
    }
}
