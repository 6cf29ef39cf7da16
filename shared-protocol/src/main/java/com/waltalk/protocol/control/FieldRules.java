package com.waltalk.protocol.control;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.UserNames;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The value rules of control message properties, shared by {@link ControlMessageReader} (which
 * reports a broken rule as a {@link ProtocolException} naming the property, possibly by a path
 * such as {@code calls[2].caller}) and the records' constructors (which wrap it into an
 * {@link IllegalArgumentException} with {@link #require}).
 *
 * <p>Messages never quote passwords or tokens.
 */
final class FieldRules {

    private static final String PRESENCE_WIRES = Arrays.stream(PresenceStatus.values())
            .map(PresenceStatus::wire).collect(Collectors.joining(", "));
    private static final String CALL_STATE_WIRES = Arrays.stream(CallState.values())
            .map(CallState::wire).collect(Collectors.joining(", "));

    private static final String CONTACT_RELATION_WIRES = Arrays.stream(ContactRelation.values())
            .map(ContactRelation::wire).collect(Collectors.joining(", "));
    private static final String CONTACT_ACTION_WIRES = Arrays.stream(ContactAction.Kind.values())
            .map(ContactAction.Kind::wire).collect(Collectors.joining(", "));

    private FieldRules() {
    }

    /** A rule check for {@link #require}. */
    @FunctionalInterface
    interface Check {
        void run() throws ProtocolException;
    }

    /** Runs checks in a record constructor, turning a broken rule into a programmer error. */
    static void require(Check check) {
        try {
            check.run();
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A valid user name, else {@link ErrorCode#BAD_USER_NAME}. */
    static String user(String field, String value) throws ProtocolException {
        try {
            return UserNames.validate(value);
        } catch (ProtocolException e) {
            throw new ProtocolException(ErrorCode.BAD_USER_NAME,
                    "field '" + field + "': " + e.getMessage());
        }
    }

    /** A call id or message id: at least 1. */
    static long id(String field, long value) throws ProtocolException {
        if (value < 1) {
            throw badField(field, "must be at least 1, got " + value);
        }
        return value;
    }

    /** An optional non-negative count such as {@code retryAfterMs}; {@code null} passes. */
    static Long optionalNonNegative(String field, Long value) throws ProtocolException {
        if (value != null && value < 0) {
            throw badField(field, "must not be negative, got " + value);
        }
        return value;
    }

    /** 1..{@value Limits#MAX_PASSWORD_CHARS} code points of {@linkplain #textProblem text}. */
    static String password(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        int length = value.codePointCount(0, value.length());
        if (length < 1 || length > Limits.MAX_PASSWORD_CHARS) {
            throw badField(field, "must be 1.." + Limits.MAX_PASSWORD_CHARS
                    + " characters, got " + length);
        }
        String problem = textProblem(value);
        if (problem != null) {
            throw badField(field, problem);
        }
        return value;
    }

    /** {@value Limits#MIN_TOKEN_CHARS}..{@value Limits#MAX_TOKEN_CHARS} of [A-Za-z0-9_-]. */
    static String token(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        boolean ok = value.length() >= Limits.MIN_TOKEN_CHARS
                && value.length() <= Limits.MAX_TOKEN_CHARS;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
        }
        if (!ok) {
            throw badField(field, "must be " + Limits.MIN_TOKEN_CHARS + ".."
                    + Limits.MAX_TOKEN_CHARS + " characters from A-Z a-z 0-9 _ -");
        }
        return value;
    }

    /**
     * A chat body: not empty ({@link ErrorCode#BAD_FIELD}), at most
     * {@value Limits#MAX_CHAT_CHARS} code points ({@link ErrorCode#TOO_LARGE}), and
     * {@linkplain #textProblem text} ({@link ErrorCode#BAD_FIELD}).
     */
    static String chatBody(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        if (value.isEmpty()) {
            throw badField(field, "must not be empty");
        }
        // every code point is at most two chars, so a short string needs no counting
        if (value.length() > Limits.MAX_CHAT_CHARS) {
            int length = value.codePointCount(0, value.length());
            if (length > Limits.MAX_CHAT_CHARS) {
                throw new ProtocolException(ErrorCode.TOO_LARGE, "field '" + field + "' has "
                        + length + " characters, at most " + Limits.MAX_CHAT_CHARS);
            }
        }
        String problem = textProblem(value);
        if (problem != null) {
            throw badField(field, problem);
        }
        return value;
    }

    /**
     * An optional client message id: 1..{@value Limits#MAX_CLIENT_MSG_ID_CHARS} printable ASCII
     * characters (U+0021..U+007E); {@code null} passes.
     */
    static String optionalClientMsgId(String field, String value) throws ProtocolException {
        if (value == null) {
            return null;
        }
        boolean ok = !value.isEmpty() && value.length() <= Limits.MAX_CLIENT_MSG_ID_CHARS;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = c >= 0x21 && c <= 0x7e;
        }
        if (!ok) {
            throw badField(field, "must be 1.." + Limits.MAX_CLIENT_MSG_ID_CHARS
                    + " printable ASCII characters without spaces");
        }
        return value;
    }

    /** One of the {@link PresenceStatus} wire strings. */
    static String presenceStatus(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        if (PresenceStatus.fromWire(value).isEmpty()) {
            throw badField(field, "must be one of " + PRESENCE_WIRES);
        }
        return value;
    }

    /** An invite code: absent, or 1..{@value Limits#MAX_INVITE_CHARS} letters, digits, '-' or '_'. */
    static String optionalInvite(String field, String value) throws ProtocolException {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > Limits.MAX_INVITE_CHARS
                || !value.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_'))) {
            throw badField(field, "must be 1.." + Limits.MAX_INVITE_CHARS
                    + " ASCII letters, digits, '-' or '_'");
        }
        return value;
    }

    /** One of the {@link ContactRelation} wire strings, as its constant. */
    static ContactRelation contactRelation(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        return ContactRelation.fromWire(value)
                .orElseThrow(() -> badField(field, "must be one of " + CONTACT_RELATION_WIRES));
    }

    /** One of the {@link ContactAction.Kind} wire strings, as its constant. */
    static ContactAction.Kind contactAction(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        return ContactAction.Kind.fromWire(value)
                .orElseThrow(() -> badField(field, "must be one of " + CONTACT_ACTION_WIRES));
    }

    /** One of the {@link CallState} wire strings, as its constant. */
    static CallState callState(String field, String value) throws ProtocolException {
        requirePresent(field, value);
        return CallState.fromWire(value)
                .orElseThrow(() -> badField(field, "must be one of " + CALL_STATE_WIRES));
    }

    /**
     * Exactly one way of signing in: {@code user} and {@code password}, or {@code token}
     * (absent values are {@code null}); then each value's own rule.
     */
    static void signIn(String user, String password, String token) throws ProtocolException {
        if (token != null) {
            if (user != null) {
                throw badField("user", "must be absent when 'token' is given");
            }
            if (password != null) {
                throw badField("password", "must be absent when 'token' is given");
            }
            token("token", token);
            return;
        }
        if (user == null && password == null) {
            throw new ProtocolException(ErrorCode.BAD_FIELD,
                    "sign_in needs fields 'user' and 'password', or field 'token'");
        }
        if (user == null) {
            throw missing("user");
        }
        if (password == null) {
            throw missing("password");
        }
        user("user", user);
        password("password", password);
    }

    /** An immutable copy of a record's list, at most {@value Limits#MAX_LIST_ELEMENTS} long. */
    static <T> List<T> list(String field, List<T> value) {
        List<T> copy = List.copyOf(value);
        if (copy.size() > Limits.MAX_LIST_ELEMENTS) {
            throw new IllegalArgumentException("field '" + field + "' has " + copy.size()
                    + " elements, at most " + Limits.MAX_LIST_ELEMENTS);
        }
        return copy;
    }

    /**
     * Why {@code s} is not acceptable free text, or {@code null} if it is: text has no control
     * characters U+0000..U+001F other than tab, line feed and carriage return, and no unpaired
     * surrogates (so it has a UTF-8 form and can be stored in PostgreSQL).
     */
    static String textProblem(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain control character U+%04X (at index %d)",
                        (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate (at index " + i + ")";
            }
        }
        return null;
    }

    static ProtocolException missing(String field) {
        return new ProtocolException(ErrorCode.BAD_FIELD, "missing field '" + field + "'");
    }

    private static void requirePresent(String field, String value) throws ProtocolException {
        if (value == null) {
            throw missing(field);
        }
    }

    private static ProtocolException badField(String field, String problem) {
        return new ProtocolException(ErrorCode.BAD_FIELD, "field '" + field + "' " + problem);
    }
}
