package com.waltalk.relay.limits;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.relay.accounts.AccountService;
import com.waltalk.relay.accounts.SignInGuard;
import com.waltalk.relay.accounts.SignInResult;
import com.waltalk.relay.accounts.SignInResult.Failure;
import com.waltalk.relay.limits.SharedLimiter.Check;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who may create an account, in this order: registration must be open ({@code registration_closed});
 * on an invitation-only relay the {@code register} must carry an invite code ({@code invite_required});
 * the source address must be within {@link Limit#REGISTRATIONS} ({@code rate_limited}, with the wait);
 * then the account is created, and an invite code consumed in the same transaction (a code that is
 * unknown, used up, expired or revoked is {@code invite_required} too). An attempt refused for a bad
 * name or a weak password gives its registration back: those are typos, not new accounts.
 *
 * <p>Blocking (bcrypt, JDBC); called on the password-check pool. Thread-safe.
 */
public final class Registrations {

    static final String INVITE_MESSAGE = "this relay registers new accounts by invitation: ask its operator for an invite code";
    static final String BAD_INVITE_MESSAGE = "the invite code is not valid (unknown, used up, expired or revoked)";

    private final AccountService accounts;
    private final SharedLimiter limiter;
    private final RefusalLog refusals;
    private final SignInGuard guard;
    private final boolean open;
    private final boolean inviteRequired;

    /**
     * @param guard told of every registration as of a successful sign-in: the address an account was
     *              registered from is one its owner is known to use
     */
    public Registrations(AccountService accounts, SharedLimiter limiter, RefusalLog refusals, SignInGuard guard,
                         boolean open) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.open = open;
        this.inviteRequired = limiter.settings().inviteRequired();
    }

    /** Whether a {@code register} needs an invite code (the {@code welcome}'s {@code inviteRequired}). */
    public boolean inviteRequired() {
        return open && inviteRequired;
    }

    /** Registers {@code name} for the client at {@code address}; wipes {@code password}. */
    public SignInResult register(String name, char[] password, String invite, String address) throws SQLException {
        try {
            if (!open) {
                refusals.record(address, "register registration_closed");
                return accounts.register(name, password, false);
            }
            if (inviteRequired && (invite == null || invite.isEmpty())) {
                refusals.record(address, "register invite_required");
                return new Failure(ErrorCode.INVITE_REQUIRED, INVITE_MESSAGE);
            }
            Check check = Check.of(Limit.REGISTRATIONS, SourceAddress.of(address));
            SharedLimiter.Decision d = limiter.tryAcquire(java.util.List.of(check));
            if (!d.allowed()) {
                refusals.record(address, "register rate_limited");
                return new Failure(ErrorCode.RATE_LIMITED, "too many new accounts from your address; try again in "
                        + Math.max(1, (d.retryAfterMillis() + 999) / 1000) + " s", d.retryAfterMillis());
            }
            SignInResult result = inviteRequired
                    ? accounts.register(name, password, true, tx -> InviteStore.consume(tx, invite),
                            new Failure(ErrorCode.INVITE_REQUIRED, BAD_INVITE_MESSAGE))
                    : accounts.register(name, password, true);
            if (result instanceof Failure f) {
                if (f.code() == ErrorCode.BAD_USER_NAME || f.code() == ErrorCode.WEAK_PASSWORD) {
                    limiter.refund(check);
                }
                refusals.record(address, "register " + f.code().wire());
            } else if (result instanceof SignInResult.Success ok) {
                guard.succeeded(ok.account(), address);
            }
            return result;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
