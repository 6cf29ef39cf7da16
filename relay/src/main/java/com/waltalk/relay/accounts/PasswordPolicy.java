package com.waltalk.relay.accounts;

import com.waltalk.protocol.Limits;
import java.util.Optional;

/**
 * Which passwords are accepted at registration: {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
 * characters, and not the user name in any letter case. Works on the {@code char[]} without making a {@code String} of it. Stateless and
 * thread-safe.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    /**
     * The protocol's limit: bcrypt work does not grow with length, but there is no reason to accept
     * kilobytes.
     */
    public static final int MAX_LENGTH = Limits.MAX_PASSWORD_CHARS;

    /** Why {@code password} is refused for {@code userName}, or empty when it is acceptable. */
    public Optional<String> check(String userName, char[] password) {
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_LENGTH) {
            return Optional.of("password must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("password must have at most " + MAX_LENGTH + " characters");
        }
        if (userName != null && equalsIgnoreCase(userName, password)) {
            return Optional.of("password must not be the user name");
        }
        return Optional.empty();
    }

    private static boolean equalsIgnoreCase(String name, char[] password) {
        if (name.length() != password.length) {
            return false;
        }
        for (int i = 0; i < password.length; i++) {
            char a = name.charAt(i);
            char b = password[i];
            if (a != b && Character.toUpperCase(a) != Character.toUpperCase(b)
                    && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }
}
