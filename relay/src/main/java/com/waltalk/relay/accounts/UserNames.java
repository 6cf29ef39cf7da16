package com.waltalk.relay.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for user names: 1–32 characters from {@code A-Z a-z 0-9 _ . -}, unique regardless of
 * case. Mirrors the {@code users_name_format} constraint of migration V2. Stateless.
 */
public final class UserNames {

    public static final int MAX_LENGTH = 32;
    /** Shown to a client whose requested name breaks the rules. */
    public static final String RULES = "user names are 1 to 32 characters: letters A-Z, digits, '_', '.' and '-'";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_LENGTH + "}");

    private UserNames() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && VALID.matcher(name).matches();
    }

    /** The case-folded form under which names are unique (and throttled). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
