package com.waltalk.relay.accounts;

import com.waltalk.protocol.UserNames;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing per user name (case-folded), whether or not the user exists: after
 * 5 consecutive failures the name is locked for 1 s (by default), then 2 s, 4 s, … up to 5 min
 * (or the first lockout, if longer) per further failure; a success resets it. In memory, so each relay counts on its own.
 *
 * <p>{@link #begin} counts the attempt as a failure before the password is checked, and only
 * {@link #succeeded} takes it back. Otherwise a burst of parallel guesses would all be checked
 * before the first failure is recorded. An attempt that ends in neither call (a database error)
 * therefore counts as a failure.
 *
 * <p>Memory is bounded: names untouched for an hour are forgotten, and beyond 100,000 names the
 * least recently used is dropped. Thread-safe (one lock; each call is a few map operations).
 */
public final class SignInThrottle implements SignInGuard {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    static final int FAILURES_BEFORE_LOCKOUT = 5;
    static final long FIRST_LOCKOUT_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_LOCKOUT_NANOS = TimeUnit.MINUTES.toNanos(5);
    static final long IDLE_EVICTION_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int DEFAULT_MAX_NAMES = 100_000;

    /** Whether an attempt may go ahead; if not, when the client may try again. */
    public record Decision(boolean allowed, long retryAfterMillis) {
        public static final Decision ALLOWED = new Decision(true, 0);

        public static Decision throttled(long retryAfterMillis) {
            return new Decision(false, retryAfterMillis);
        }
    }

    private static final class Entry {
        int failures;
        long lockedUntil;
        long lastSeen;
        boolean lockoutLogged;
    }

    private final LongSupplier nanoTime;
    private final long firstLockoutNanos;
    private final Map<String, Entry> entries;

    public SignInThrottle() {
        this(System::nanoTime);
    }

    /** @param firstLockout how long a name is locked after its 5th consecutive failure (1 s by default) */
    public SignInThrottle(Duration firstLockout) {
        this(System::nanoTime, DEFAULT_MAX_NAMES, firstLockout.toNanos());
    }

    /** @param nanoTime monotonic clock in nanoseconds ({@code System::nanoTime} outside tests) */
    public SignInThrottle(LongSupplier nanoTime) {
        this(nanoTime, DEFAULT_MAX_NAMES);
    }

    SignInThrottle(LongSupplier nanoTime, int maxNames) {
        this(nanoTime, maxNames, FIRST_LOCKOUT_NANOS);
    }

    SignInThrottle(LongSupplier nanoTime, Duration firstLockout) {
        this(nanoTime, DEFAULT_MAX_NAMES, firstLockout.toNanos());
    }

    private SignInThrottle(LongSupplier nanoTime, int maxNames, long firstLockoutNanos) {
        if (firstLockoutNanos <= 0) {
            throw new IllegalArgumentException("the first lockout must be positive");
        }
        this.nanoTime = nanoTime;
        this.firstLockoutNanos = firstLockoutNanos;
        // access order: the eldest entry is the one idle longest, so eviction only looks at the head
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxNames;
            }
        };
    }

    /**
     * Starts a sign-in attempt for {@code name}. If allowed, check the password and then call
     * {@link #succeeded} or {@link #failed}; if throttled, do not check the password.
     */
    public synchronized Decision begin(String name) {
        long now = nanoTime.getAsLong();
        evictIdle(now);
        String key = UserNames.key(name);
        Entry e = entries.get(key);
        if (e == null) {
            e = new Entry();
            entries.put(key, e);
        }
        e.lastSeen = now;
        if (e.failures >= FAILURES_BEFORE_LOCKOUT && e.lockedUntil - now > 0) {
            return Decision.throttled(ceilMillis(e.lockedUntil - now));
        }
        e.failures++;
        if (e.failures >= FAILURES_BEFORE_LOCKOUT) {
            e.lockedUntil = now + lockoutNanos(e.failures);
            e.lockoutLogged = false;
        }
        return Decision.ALLOWED;
    }

    /** Per name only: the address is not looked at. */
    @Override
    public Decision begin(String name, String address, java.util.Optional<Account> account) {
        return begin(name);
    }

    @Override
    public void succeeded(Account account, String address) {
        succeeded(account.name());
    }

    @Override
    public void failed(String name, String address) {
        failed(name);
    }

    /** The attempt begun for {@code name} succeeded: forget its failures. */
    public synchronized void succeeded(String name) {
        entries.remove(UserNames.key(name));
    }

    /** The attempt begun for {@code name} failed (already counted by {@link #begin}); logs a new lockout. */
    public synchronized void failed(String name) {
        Entry e = entries.get(UserNames.key(name));
        if (e == null) {
            return;
        }
        e.lastSeen = nanoTime.getAsLong();
        if (e.failures >= FAILURES_BEFORE_LOCKOUT && !e.lockoutLogged) {
            e.lockoutLogged = true;
            log.info("sign-in for user name {} locked for {} s after {} consecutive failures", UserNames.key(name),
                    TimeUnit.NANOSECONDS.toSeconds(lockoutNanos(e.failures)), e.failures);
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void evictIdle(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry eldest = it.next();
            if (now - eldest.lastSeen <= IDLE_EVICTION_NANOS) {
                return;
            }
            it.remove();
        }
    }

    private long lockoutNanos(int failures) {
        int doublings = Math.min(failures - FAILURES_BEFORE_LOCKOUT, 20);
        long max = Math.max(MAX_LOCKOUT_NANOS, firstLockoutNanos);
        return firstLockoutNanos > max >> doublings ? max : firstLockoutNanos << doublings;
    }

    private static long ceilMillis(long nanos) {
        return (nanos + 999_999) / 1_000_000;
    }
}
