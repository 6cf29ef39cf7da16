package com.waltalk.desktop.net;

import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import java.util.Objects;

/**
 * How a {@link RelayClient} signs in on its first connection. Reconnects always use the latest token.
 *
 * <p>Thread-safety: immutable; safe to share between threads. {@code toString()} never shows secrets.
 */
public sealed interface Authentication {

    /** The message to send after {@code welcome}. */
    ControlMessage message();

    /** Sign in with user name and password. */
    record Password(String user, String password) implements Authentication {
        public Password {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public ControlMessage message() {
            return SignIn.withPassword(user, password);
        }

        @Override
        public String toString() {
            return "Password[user=" + user + "]";
        }
    }

    /**
     * Create the account, then be signed in as it.
     *
     * @param invite an invite code from the relay's operator, or {@code null} (blank counts as none)
     */
    record NewAccount(String user, String password, String invite) implements Authentication {
        public NewAccount {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            invite = invite == null || invite.isBlank() ? null : invite.strip();
        }

        public NewAccount(String user, String password) {
            this(user, password, null);
        }

        @Override
        public ControlMessage message() {
            return new Register(user, password, invite);
        }

        @Override
        public String toString() {
            return "NewAccount[user=" + user + "]";
        }
    }

    /** Sign in with a token from an earlier {@code signed_in}. */
    record Token(String token) implements Authentication {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public ControlMessage message() {
            return SignIn.withToken(token);
        }

        @Override
        public String toString() {
            return "Token[(hidden)]";
        }
    }
}
