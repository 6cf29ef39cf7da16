package com.waltalk.relay.accounts;

/** The outcome of registering, signing in or resuming with a token. Immutable. */
public sealed interface SignInResult {

    /** Signed in as {@code account}; {@code token} lets the client resume without the password. */
    record Success(Account account, IssuedToken token) implements SignInResult {
    }

    /**
     * Refused. {@code code} is the protocol's error wire code, {@code message} is for the user, and
     * {@code retryAfterMillis} is set only for {@code throttled} when waiting helps (it is null
     * when the connection itself has used up its attempts and must be closed).
     */
    record Failure(String code, String message, Long retryAfterMillis) implements SignInResult {
        public static final String REGISTRATION_CLOSED = "registration_closed";
        public static final String USER_EXISTS = "user_exists";
        public static final String WEAK_PASSWORD = "weak_password";
        public static final String BAD_USER_NAME = "bad_user_name";
        public static final String BAD_CREDENTIALS = "bad_credentials";
        public static final String THROTTLED = "throttled";

        public Failure(String code, String message) {
            this(code, message, null);
        }
    }
}
