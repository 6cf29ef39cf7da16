package com.waltalk.relay.accounts;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.security.SecureRandom;

/**
 * bcrypt hashing and verification of passwords. Never keeps or logs a password; the library wipes
 * its byte copies, and the caller's {@code char[]} is left untouched for the caller to wipe.
 * Thread-safe.
 */
public final class PasswordHasher {

    /** 135 ms of one core per hash or verification on the 2-core reference machine (measured). */
    public static final int DEFAULT_COST = 11;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;

    private final int cost;
    // bcrypt reads at most 72 bytes; the policy allows 200 characters, so longer passwords are
    // pre-hashed with SHA-512 instead of being silently truncated or refused.
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, new SecureRandom(), LongPasswordStrategies.hashSha512(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION));
    private final String dummyHash;

    public PasswordHasher() {
        this(DEFAULT_COST);
    }

    /** @param cost bcrypt cost (log2 of the rounds), 4–31; tests use 4 */
    public PasswordHasher(int cost) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be " + BCrypt.MIN_COST + ".." + BCrypt.MAX_COST + ": " + cost);
        }
        this.cost = cost;
        this.dummyHash = makeDummyHash(cost);
    }

    /**
     * A well-formed hash of a random password with this hasher's cost. Verifying against it costs
     * exactly what a real verification costs, because the work depends only on the cost field. It is
     * computed at the minimum cost and relabelled, so building it takes about a millisecond.
     */
    private String makeDummyHash(int targetCost) {
        char[] random = new char[24];
        SecureRandom rnd = new SecureRandom();
        for (int i = 0; i < random.length; i++) {
            random[i] = (char) ('a' + rnd.nextInt(26));
        }
        String cheap = hasher.hashToString(BCrypt.MIN_COST, random);
        return cheap.substring(0, 4) + String.format("%02d", targetCost) + cheap.substring(6);
    }

    public int cost() {
        return cost;
    }

    public String hash(char[] password) {
        return hasher.hashToString(cost, password);
    }

    /** Whether {@code password} matches {@code hash}; false also for a malformed hash. */
    public boolean verify(char[] password, String hash) {
        if (hash == null) {
            return false;
        }
        return verifyer.verify(password, hash).verified;
    }

    /**
     * Spends the time of one verification and returns false: called for unknown user names, so that
     * the response time does not tell which names exist.
     */
    public boolean dummyVerify(char[] password) {
        verifyer.verify(password, dummyHash);
        return false;
    }

    String dummyHash() {
        return dummyHash;
    }
}
