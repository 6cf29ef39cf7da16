package com.waltalk.relay.accounts;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.UserNames;
import com.waltalk.relay.accounts.SignInResult.Failure;
import com.waltalk.relay.accounts.SignInResult.Success;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, sign-in, resuming with a token and signing out, as the session layer uses them.
 * Every method blocks (bcrypt, database), so call them off the WebSocket threads. Every method that
 * takes a password wipes the array before returning. Thread-safe.
 */
public final class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    // One message for unknown users and wrong passwords, so a client cannot tell which it was.
    static final String BAD_PASSWORD_MESSAGE = "wrong user name or password";
    static final String BAD_TOKEN_MESSAGE = "the sign-in token is invalid or has expired";
    static final String CONNECTION_EXHAUSTED_MESSAGE = "too many failed sign-ins on this connection";

    private final AccountStore store;
    private final TokenService tokens;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SignInThrottle throttle;

    public AccountService(AccountStore store, TokenService tokens, PasswordHasher hasher, PasswordPolicy policy,
                          SignInThrottle throttle) {
        this.store = Objects.requireNonNull(store, "store");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** Production defaults: bcrypt cost 11, 30-day tokens, the standard throttle. */
    public static AccountService withDefaults(DataSource dataSource) {
        return new AccountService(new AccountStore(dataSource), new TokenService(dataSource), new PasswordHasher(),
                new PasswordPolicy(), new SignInThrottle());
    }

    /** Production defaults, but a user name is first locked for {@code firstLockout} (see {@link SignInThrottle}). */
    public static AccountService withDefaults(DataSource dataSource, Duration firstLockout) {
        return withDefaults(dataSource, firstLockout, Duration.ZERO);
    }

    /** As {@link #withDefaults(DataSource, Duration)}, and removed names stay unavailable for {@code nameQuarantine}. */
    public static AccountService withDefaults(DataSource dataSource, Duration firstLockout, Duration nameQuarantine) {
        return new AccountService(new AccountStore(dataSource, nameQuarantine), new TokenService(dataSource),
                new PasswordHasher(), new PasswordPolicy(), new SignInThrottle(firstLockout));
    }

    /** Creates the account and signs it in. */
    public SignInResult register(String name, char[] password, boolean registrationOpen) throws SQLException {
        try {
            if (!registrationOpen) {
                return new Failure(ErrorCode.REGISTRATION_CLOSED, "this relay does not accept new registrations");
            }
            if (!UserNames.isValid(name)) {
                return new Failure(ErrorCode.BAD_USER_NAME, UserNames.RULES);
            }
            Optional<String> weak = policy.check(name, password);
            if (weak.isPresent()) {
                return new Failure(ErrorCode.WEAK_PASSWORD, weak.get());
            }
            Account account;
            try {
                account = store.create(name, hasher.hash(password));
            } catch (UserExistsException e) {
                return new Failure(ErrorCode.USER_EXISTS, "user name '" + name + "' is not available");
            }
            IssuedToken token = tokens.issue(account.id());
            log.info("user {} registered", account.name());
            return new Success(account, token);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Signs in with a password. When {@code attempts} is exhausted afterwards, close the connection.
     */
    public SignInResult signIn(String name, char[] password, ConnectionAttempts attempts) throws SQLException {
        try {
            if (attempts.exhausted()) {
                return new Failure(ErrorCode.THROTTLED, CONNECTION_EXHAUSTED_MESSAGE);
            }
            if (!UserNames.isValid(name)) {
                // no such user can exist; not worth a bcrypt run nor a throttle entry
                attempts.recordFailure();
                log.debug("failed sign-in with a malformed user name");
                return new Failure(ErrorCode.BAD_CREDENTIALS, BAD_PASSWORD_MESSAGE);
            }
            SignInThrottle.Decision decision = throttle.begin(name);
            if (!decision.allowed()) {
                attempts.recordFailure();
                long retry = decision.retryAfterMillis();
                return new Failure(ErrorCode.THROTTLED,
                        "too many failed sign-ins for this user name; try again in " + (retry + 999) / 1000 + " s", retry);
            }
            Optional<Account> account = store.find(name);
            boolean ok = account.isPresent()
                    ? hasher.verify(password, account.get().passwordHash())
                    : hasher.dummyVerify(password);
            if (!ok) {
                throttle.failed(name);
                attempts.recordFailure();
                log.debug("failed sign-in for user name {}", name);
                return new Failure(ErrorCode.BAD_CREDENTIALS, BAD_PASSWORD_MESSAGE);
            }
            throttle.succeeded(name);
            IssuedToken token = tokens.issue(account.get().id());
            log.info("user {} signed in", account.get().name());
            return new Success(account.get(), token);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Signs in with a token from an earlier sign-in; the same token stays valid. */
    public SignInResult resume(String token, ConnectionAttempts attempts) throws SQLException {
        if (attempts.exhausted()) {
            return new Failure(ErrorCode.THROTTLED, CONNECTION_EXHAUSTED_MESSAGE);
        }
        Optional<TokenService.VerifiedToken> verified = tokens.verifyToken(token);
        if (verified.isEmpty()) {
            attempts.recordFailure();
            log.debug("failed sign-in with a token");
            return new Failure(ErrorCode.BAD_CREDENTIALS, BAD_TOKEN_MESSAGE);
        }
        log.info("user {} signed in with a token", verified.get().account().name());
        return new Success(verified.get().account(), verified.get().token());
    }

    /** Invalidates the token; unknown tokens are ignored. */
    public void signOut(String token) throws SQLException {
        tokens.revoke(token);
    }
}
