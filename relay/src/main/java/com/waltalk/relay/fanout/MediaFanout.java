package com.waltalk.relay.fanout;

import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.relay.replication.ChangeHandler;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.relay.replication.pgoutput.PgOutputException;
import com.waltalk.relay.replication.pgoutput.Relation;
import com.waltalk.relay.replication.pgoutput.TupleData;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.state.LiveState;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out path for media: each replicated {@code video_frames} / {@code audio_frames} row is
 * routed by its {@code recipient} column to that user's outbound queue on this relay (if any) — provided
 * its call is accepted between sender and recipient — re-framed
 * with the relay-stamped sender as {@code peer}, and the payload bytes forwarded as they are.
 *
 * <p>Backlog is skipped: after a relay restart or reconnect the slot replays what had not been
 * acknowledged, and seconds-old media is worse than none. (Decided by LSN, not by comparing the
 * database's clock with ours.)
 * Runs on the replication thread only (not thread-safe; counters are readable from any thread).
 */
public final class MediaFanout implements ChangeHandler {

    private static final Logger log = LoggerFactory.getLogger(MediaFanout.class);

    private final LocalRecipients recipients;
    private final LiveState state;
    private final DrainScheduler drainScheduler;
    private final AtomicLong deliveredVideo = new AtomicLong();
    private final AtomicLong deliveredAudio = new AtomicLong();
    private final AtomicLong unroutable = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong outsideCall = new AtomicLong();

    private Relation videoRelation;
    private MediaColumns videoColumns;
    private Relation audioRelation;
    private MediaColumns audioColumns;

    public MediaFanout(LocalRecipients recipients, LiveState state, DrainScheduler drainScheduler) {
        this.recipients = recipients;
        this.state = state;
        this.drainScheduler = drainScheduler;
    }

    @Override
    public void onInsert(Insert insert, Transaction transaction) {
        Relation rel = insert.relation();
        boolean video;
        switch (rel.name()) {
            case "video_frames" -> video = true;
            case "audio_frames" -> video = false;
            default -> {
                return;
            }
        }
        TupleData row = insert.newTuple();
        try {
            MediaColumns cols = columnsFor(rel, video);
            String recipient = row.getString(cols.recipient());
            OutboundQueue out = recipients.outboundOf(recipient);
            if (out == null) {
                unroutable.incrementAndGet();
                return;
            }
            if (transaction.backlog()) {
                stale.incrementAndGet();
                return;
            }
            String sender = row.getString(cols.sender());
            long callId = row.getLong(cols.callId());
            // Only while the call is accepted, and only between its parties: frames still in the
            // stream after the call ended (in WAL order, so the end is already applied) stop here.
            CallRecord call = state.activeCall(callId);
            if (call == null || !call.accepted() || !recipient.equals(call.peerOf(sender))) {
                outsideCall.incrementAndGet();
                return;
            }
            long seq = row.getLong(cols.seq());
            long capture = row.getLong(cols.captureUs());
            ByteBuffer payload = row.getBytesView(cols.payload());
            MediaHeader header = video
                    ? MediaHeader.video(callId, seq, capture, row.getInt(cols.a()), row.getInt(cols.b()), sender)
                    : MediaHeader.audio(callId, seq, capture, row.getInt(cols.a()), row.getInt(cols.b()), sender);
            ByteBuffer frame = ByteBuffer.allocate(MediaCodec.headerLength(sender) + payload.remaining());
            MediaCodec.writeHeader(header, payload.remaining(), frame);
            frame.put(payload.duplicate());
            frame.flip();
            (video ? deliveredVideo : deliveredAudio).incrementAndGet(); // counted before the hand-off, so a reader never sees the frame first
            boolean congested = video ? out.offerVideo(sender, frame) : out.offerAudio(frame);
            if (congested) {
                drainScheduler.congested(out);
            }
        } catch (PgOutputException | RuntimeException e) {
            // A row written by something other than a relay; never let it stop the stream.
            invalid.incrementAndGet();
            log.warn("skipping invalid {} row: {}", rel.name(), e.getMessage());
        }
    }

    private MediaColumns columnsFor(Relation rel, boolean video) throws PgOutputException {
        if (video) {
            if (rel != videoRelation) {
                videoColumns = MediaColumns.of(rel, "width", "height");
                videoRelation = rel;
            }
            return videoColumns;
        }
        if (rel != audioRelation) {
            audioColumns = MediaColumns.of(rel, "sample_rate", "channels");
            audioRelation = rel;
        }
        return audioColumns;
    }

    public long delivered() {
        return deliveredVideo.get() + deliveredAudio.get();
    }

    /** Video frames handed to a recipient's queue. */
    public long deliveredVideo() {
        return deliveredVideo.get();
    }

    /** Audio packets handed to a recipient's queue. */
    public long deliveredAudio() {
        return deliveredAudio.get();
    }

    public long unroutable() {
        return unroutable.get();
    }

    /** Media rows skipped because they were replayed backlog, not live traffic. */
    public long stale() {
        return stale.get();
    }

    /** Media rows dropped because their call was not (or no longer) accepted between sender and recipient. */
    public long outsideCall() {
        return outsideCall.get();
    }

    public long invalid() {
        return invalid.get();
    }

    /** Column positions of a media relation, resolved once per Relation message. */
    record MediaColumns(int sender, int recipient, int callId, int seq, int captureUs, int a, int b, int payload) {
        static MediaColumns of(Relation rel, String a, String b) throws PgOutputException {
            return new MediaColumns(idx(rel, "sender"), idx(rel, "recipient"), idx(rel, "call_id"), idx(rel, "seq"),
                    idx(rel, "capture_us"), idx(rel, a), idx(rel, b), idx(rel, "payload"));
        }

        private static int idx(Relation rel, String column) throws PgOutputException {
            int i = rel.columnIndex(column);
            if (i < 0) {
                throw new PgOutputException("relation " + rel.name() + " has no column " + column);
            }
            return i;
        }
    }
}
