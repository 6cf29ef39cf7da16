package com.waltalk.relay.session;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the relay answers a client: a message, a refusal, a rate-limit notice, or a fatal error that
 * closes the connection. Refusals and rate-limit notices count towards the connection's abuse limit:
 * more than {@link #MAX_ERRORS} of them within {@link #ERROR_WINDOW_NANOS} end it with
 * {@link CloseCode#POLICY}.
 *
 * <p>Stateless. {@link #send} and {@link #fatal} may be called from any thread (they only enqueue on
 * the session's outbound queue and close its channel); {@link #reject} and {@link #rateLimited} touch
 * the session's error window and must be called on the connection's transport thread.
 */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    static final int MAX_ERRORS = 20;
    static final long ERROR_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Replies() {
    }

    static void rateLimited(ClientSession session, String what, long retryAfterMs) {
        if (session.recordError(MAX_ERRORS, ERROR_WINDOW_NANOS)) {
            fatal(session, ErrorCode.RATE_LIMITED, "too many messages; " + what, CloseCode.POLICY);
            return;
        }
        send(session, ErrorMessage.of(ErrorCode.RATE_LIMITED, what, false, retryAfterMs));
    }

    static void reject(ClientSession session, ErrorCode code, String message) {
        if (session.recordError(MAX_ERRORS, ERROR_WINDOW_NANOS)) {
            fatal(session, code, "too many protocol errors; last: " + message, CloseCode.POLICY);
            return;
        }
        log.debug("{}: {} ({})", session, code.wire(), message);
        send(session, ErrorMessage.of(code, message, false));
    }

    /** Tells the client why, then closes. */
    static void fatal(ClientSession session, ErrorCode code, String message, CloseCode closeCode) {
        if (code == ErrorCode.THROTTLED) {
            // a guesser's every tenth attempt: the refusal log already counts them, one line per address a minute
            log.debug("closing {}: {} ({})", session, code.wire(), message);
        } else {
            log.info("closing {}: {} ({})", session, code.wire(), message);
        }
        send(session, ErrorMessage.of(code, message, true));
        session.channel().close(closeCode, code.wire());
    }

    static void send(ClientSession session, ControlMessage message) {
        session.outbound().offerControl(ControlCodec.encode(message));
    }
}
