package com.waltalk.relay.limits;

import com.waltalk.protocol.UserNames;
import com.waltalk.relay.limits.SharedLimiter.Check;
import com.waltalk.relay.refusal.RequestRefused;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The shared limits of a signed-in client's requests, one call at the start of each request's
 * database work: refused with {@code rate_limited} and the time to wait (a {@link RequestRefused}
 * the session layer answers), counted in the {@link RefusalLog}. One round trip each.
 *
 * <p>Blocking (JDBC): call on the session's worker. Thread-safe.
 */
public final class RequestLimits {

    private final SharedLimiter limiter;
    private final RefusalLog refusals;

    public RequestLimits(SharedLimiter limiter, RefusalLog refusals) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /** A {@code chat_send} from account {@code senderId} to the user named {@code recipient}. */
    public void chat(long senderId, String recipient, String address) throws SQLException, RequestRefused {
        require(List.of(Check.of(Limit.CHAT_SENT, Long.toString(senderId)),
                Check.of(Limit.CHAT_RECEIVED, UserNames.key(recipient))), address, "chat rate_limited");
    }

    /** A {@code call_start} from account {@code callerId} to the user named {@code callee}. */
    public void ring(long callerId, String callee, String address) throws SQLException, RequestRefused {
        require(List.of(Check.of(Limit.RINGS_PER_CALLEE, Long.toString(callerId), UserNames.key(callee)),
                Check.of(Limit.RINGS, Long.toString(callerId))), address, "ring rate_limited");
    }

    /** A contact request from account {@code requesterId}. */
    public void contactRequest(long requesterId, String address) throws SQLException, RequestRefused {
        require(List.of(Check.of(Limit.CONTACT_REQUESTS, Long.toString(requesterId))), address,
                "contact request rate_limited");
    }

    /** Any other limit, for a request not listed here. */
    public void require(Limit limit, String subject, String address) throws SQLException, RequestRefused {
        require(List.of(Check.of(limit, subject)), address, limit.keyPrefix() + " rate_limited");
    }

    private void require(List<Check> checks, String address, String what) throws SQLException, RequestRefused {
        try {
            limiter.require(checks);
        } catch (RequestRefused e) {
            refusals.record(address, what);
            throw e;
        }
    }
}
