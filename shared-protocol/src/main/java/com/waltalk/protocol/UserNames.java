package com.waltalk.protocol;

import java.util.Locale;

/**
 * The rule for user names: 1 to {@value Limits#MAX_USER_NAME_BYTES} characters from
 * {@code [A-Za-z0-9_.-]}. Names are case-sensitive on the wire and, being ASCII, as many bytes as
 * characters; the relay keeps them unique regardless of case (see {@link #key}). The same rule is
 * the {@code users_name_format} constraint of the relay's schema (migration V2).
 *
 * <p>The one definition both sides use: the codecs to reject a bad name with
 * {@link ErrorCode#BAD_USER_NAME}, the relay's accounts and its CLI before they touch the
 * database, the desktop app before it sends a name.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class UserNames {

    /** The rule in one sentence, for a person whose name breaks it. */
    public static final String RULES = "user names are 1 to " + Limits.MAX_USER_NAME_BYTES
            + " characters: letters A-Z, digits, '_', '.' and '-'";

    private UserNames() {
    }

    /**
     * Checks a user name.
     *
     * @param name the candidate, may be {@code null}
     * @return {@code name} unchanged
     * @throws ProtocolException with {@link ErrorCode#BAD_USER_NAME} if it is not a valid name
     */
    public static String validate(String name) throws ProtocolException {
        String problem = problem(name);
        if (problem != null) {
            throw new ProtocolException(ErrorCode.BAD_USER_NAME, problem);
        }
        return name;
    }

    /** Whether {@code name} is a valid user name; {@code false} for {@code null}. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /**
     * The case-folded form of a name: two names with the same key are the same account to the
     * relay (so registering {@code Alice} when {@code alice} exists is {@code user_exists}), and
     * the relay throttles failed sign-ins per key.
     *
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public static String key(String name) {
        // names are ASCII, so the root locale's folding is plain A-Z → a-z
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-';
    }

    private static String problem(String name) {
        if (name == null) {
            return "user name is missing";
        }
        if (name.isEmpty() || name.length() > Limits.MAX_USER_NAME_BYTES) {
            return "user name must be 1.." + Limits.MAX_USER_NAME_BYTES + " characters, got "
                    + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isAllowed(name.charAt(i))) {
                return "user name may only contain A-Z a-z 0-9 _ . - (bad character at index "
                        + i + ")";
            }
        }
        return null;
    }
}
