package com.waltalk.relay.session;

import static com.waltalk.relay.session.Replies.reject;
import static com.waltalk.relay.session.StoreRequests.onWorker;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.MediaState;
import com.waltalk.relay.refusal.RequestRefused;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.session.SessionController.Services;

/**
 * A signed-in client's call requests: {@code call_start}, {@code call_accept}, {@code call_decline},
 * {@code call_hangup} and {@code media_state}. Each is one conditional write of the call store on the
 * session's worker; the client gets no direct answer unless it is refused — the outcome reaches both
 * parties through the replication stream, as a {@code call} message.
 *
 * <p>Thread-safe: called on the connection's transport thread; only enqueues.
 */
final class CallHandler {

    private final Services s;

    CallHandler(Services services) {
        this.s = services;
    }

    void start(ClientSession session, CallStart start) {
        String user = session.user();
        onWorker(session, () -> {
            // shared by every connection and relay: per caller and callee, and per caller
            s.limits().ring(session.accountId(), start.to(), session.remoteAddress());
            s.calls().start(user, start.to());
        });
    }

    void accept(ClientSession session, CallAccept accept) {
        String user = session.user();
        onWorker(session, () -> s.calls().accept(accept.callId(), user));
    }

    void decline(ClientSession session, CallDecline decline) {
        String user = session.user();
        onWorker(session, () -> s.calls().decline(decline.callId(), user));
    }

    void hangup(ClientSession session, CallHangup hangup) {
        String user = session.user();
        onWorker(session, () -> s.calls().hangup(hangup.callId(), user));
    }

    void mediaState(ClientSession session, MediaState media) {
        String user = session.user();
        // PROTOCOL.md: only for the sender's accepted call, else not_in_call (whether or not the call exists)
        CallRecord call = s.state().activeCall(media.callId());
        if (call == null || !call.accepted() || call.peerOf(user) == null) {
            reject(session, ErrorCode.NOT_IN_CALL, "no accepted call " + media.callId() + " of yours");
            return;
        }
        onWorker(session, () -> {
            try {
                s.calls().setMedia(media.callId(), user, media.videoOn(), media.audioOn());
            } catch (RequestRefused endedMeanwhile) {
                throw new RequestRefused(ErrorCode.NOT_IN_CALL, endedMeanwhile.getMessage());
            }
        });
    }
}
