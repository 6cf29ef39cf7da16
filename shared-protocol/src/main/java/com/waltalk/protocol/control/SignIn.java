package com.waltalk.protocol.control;

/**
 * Client → relay, after {@link Welcome}: signs the connection in, either with {@code user} and
 * {@code password} or with a {@code token} from an earlier {@link SignedIn}, never both;
 * answered by {@link SignedIn}. Wire type {@link MessageType#SIGN_IN}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param user a valid user name, or {@code null} when signing in with a token
 * @param password as in {@link Register}, or {@code null} when signing in with a token
 * @param token 16..200 characters from {@code [A-Za-z0-9_-]}, or {@code null} when signing in
 *     with a password
 */
public record SignIn(String user, String password, String token) implements ControlMessage {

    /**
     * @throws IllegalArgumentException unless exactly one of ({@code user} and {@code password})
     *     or {@code token} is given, and valid
     */
    public SignIn {
        FieldRules.require(() -> FieldRules.signIn(user, password, token));
    }

    /** Signs in with a user name and password. */
    public static SignIn withPassword(String user, String password) {
        return new SignIn(user, password, null);
    }

    /** Signs in with a token from an earlier {@link SignedIn}. */
    public static SignIn withToken(String token) {
        return new SignIn(null, null, token);
    }

    @Override
    public MessageType type() {
        return MessageType.SIGN_IN;
    }

    /** Like the generated one, but never shows the password or token. */
    @Override
    public String toString() {
        return "SignIn[user=" + user + ", password=" + (password == null ? null : "***")
                + ", token=" + (token == null ? null : "***") + "]";
    }
}
