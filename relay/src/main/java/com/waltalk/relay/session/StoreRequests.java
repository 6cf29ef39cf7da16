package com.waltalk.relay.session;

import static com.waltalk.relay.session.Replies.send;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.relay.refusal.RequestRefused;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a client's request to a store (calls, chat) on the session's worker, in order with the
 * client's other requests. Such a request either succeeds silently — the replication stream reports
 * the result to everyone concerned, the requester included — or is answered with an error: the
 * store's refusal as it is, a database failure as a temporary problem.
 *
 * <p>Stateless; {@link #onWorker} may be called from any thread and only enqueues.
 */
final class StoreRequests {

    private static final Logger log = LoggerFactory.getLogger(StoreRequests.class);

    /** Database work that either succeeds silently (the stream reports the result) or is refused. */
    interface StoreAction {
        void run() throws Exception;
    }

    private StoreRequests() {
    }

    static void onWorker(ClientSession session, StoreAction action) {
        session.worker().execute(() -> {
            try {
                action.run();
            } catch (RequestRefused e) {
                send(session, e.retryAfterMillis() == null ? ErrorMessage.of(e.code(), e.getMessage(), false)
                        : ErrorMessage.of(e.code(), e.getMessage(), false, e.retryAfterMillis()));
            } catch (SQLException e) {
                log.warn("{}: database error: {}", session, e.getMessage());
                send(session, ErrorMessage.of(ErrorCode.INTERNAL, "temporary problem, try again", false));
            } catch (Exception e) {
                log.error("{}: unexpected failure", session, e);
                send(session, ErrorMessage.of(ErrorCode.INTERNAL, "internal error", false));
            }
        });
    }
}
