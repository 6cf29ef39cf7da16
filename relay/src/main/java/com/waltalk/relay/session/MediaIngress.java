package com.waltalk.relay.session;

import static com.waltalk.relay.session.Replies.fatal;
import static com.waltalk.relay.session.Replies.rateLimited;
import static com.waltalk.relay.session.Replies.reject;
import static com.waltalk.relay.session.Replies.send;

import com.waltalk.protocol.CloseCode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.ProtocolException;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaFrame;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.ingest.InboundMedia;
import com.waltalk.relay.session.ClientSession.Notice;
import com.waltalk.relay.session.SessionController.Services;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way in for a signed-in client's media frames: decodes the header (every malformed case is a
 * specific error code), ends a sustained flood ({@link FloodMeter}), drops frames over the rate limit,
 * authorizes the frame against the sender's accepted call with the named peer, stamps it with the
 * connection's signed-in user — the client never says who it is on a frame — and hands it to the
 * {@link com.waltalk.relay.ingest.MediaWriter} shard of the connection.
 *
 * <p>This is the media hot path: one header decode, one {@link InboundMedia}, no copy of the payload.
 * Notices for dropped frames are sent at most once a second per kind of notice.
 *
 * <p>Thread-safe: called on the connection's transport thread, which owns the connection's limiters,
 * meters and notice times; the counters are readable from any thread.
 */
final class MediaIngress {

    static final long OVERLOAD_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long NOT_IN_CALL_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MEDIA_RATE_NOTICE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Services s;
    private final AtomicLong videoAccepted = new AtomicLong();
    private final AtomicLong audioAccepted = new AtomicLong();
    private final AtomicLong framesRejected = new AtomicLong();

    MediaIngress(Services services) {
        this.s = services;
    }

    /** A binary message from a signed-in connection, read off the socket at {@code receivedNanos}. */
    void onBinary(ClientSession session, ByteBuffer bytes, long receivedNanos) {
        MediaFrame frame;
        try {
            frame = MediaCodec.decode(bytes);
        } catch (ProtocolException e) {
            framesRejected.incrementAndGet();
            reject(session, e.code(), e.getMessage());
            return;
        }
        var header = frame.header();
        boolean video = header.kind() == MediaKind.VIDEO_JPEG;
        if ((video ? session.limits.videoFlood : session.limits.audioFlood).record(receivedNanos)) {
            framesRejected.incrementAndGet();
            if (session.channel().isOpen()) {
                fatal(session, ErrorCode.RATE_LIMITED, "media flood: " + (video ? "video" : "audio") + " frames at over "
                        + ConnectionLimits.FLOOD_FACTOR + " times the rate limit for "
                        + ConnectionLimits.FLOOD_SECONDS + " s", CloseCode.POLICY);
            }
            return;
        }
        RateLimiter limiter = video ? session.limits.video : session.limits.audio;
        long retry = limiter.tryAcquire(receivedNanos);
        if (retry > 0) {
            framesRejected.incrementAndGet();
            // Frames arrive in bursts (a client's queue flushing after a network stall): drop them, but
            // answer at most once a second (PROTOCOL.md), and only answers count towards the abuse limit,
            // so a burst alone never ends the connection; a sustained flood does, through the flood meter.
            if (session.shouldNotify(Notice.MEDIA_RATE_LIMITED, MEDIA_RATE_NOTICE_NANOS)) {
                rateLimited(session, "too many " + header.kind() + " frames", retry);
            }
            return;
        }
        String user = session.user();
        CallRecord call = s.state().activeCall(header.callId());
        String peer = call == null ? null : call.peerOf(user);
        if (call == null || !call.accepted() || peer == null || !peer.equals(header.peer())) {
            // Not abuse: frames in flight when a call ends land here. Tell the client, at most once a second.
            framesRejected.incrementAndGet();
            if (session.shouldNotify(Notice.NOT_IN_CALL, NOT_IN_CALL_NOTICE_NANOS)) {
                send(session, ErrorMessage.of(ErrorCode.NOT_IN_CALL,
                        "no accepted call " + header.callId() + " with " + header.peer(), false));
            }
            return;
        }
        // The sender is the relay's stamp: the signed-in user of this connection.
        InboundMedia media = new InboundMedia(user, header, frame.payload(), receivedNanos);
        if (s.writer().submit(session.id(), media)) {
            (header.kind() == MediaKind.VIDEO_JPEG ? videoAccepted : audioAccepted).incrementAndGet();
        } else if (session.shouldNotify(Notice.OVERLOADED, OVERLOAD_NOTICE_NANOS)) {
            send(session, ErrorMessage.of(ErrorCode.OVERLOADED, "relay is overloaded: media frames are being dropped",
                    false));
        }
    }

    long videoAccepted() {
        return videoAccepted.get();
    }

    long audioAccepted() {
        return audioAccepted.get();
    }

    long framesRejected() {
        return framesRejected.get();
    }
}
