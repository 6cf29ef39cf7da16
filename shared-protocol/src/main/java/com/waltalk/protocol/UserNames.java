package com.waltalk.protocol;

/**
 * The rule for user names: 1 to {@value Limits#MAX_USER_NAME_BYTES} characters from
 * {@code [A-Za-z0-9_.-]}. Names are case-sensitive and, being ASCII, as many bytes as characters.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class UserNames {

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
