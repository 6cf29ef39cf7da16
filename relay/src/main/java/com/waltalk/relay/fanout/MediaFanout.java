package com.waltalk.relay.fanout;

import com.waltalk.protocol.media.MediaCodec;
import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.relay.media.MediaTable;
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

    // the column positions of each media table, for the Relation they were resolved from
    private Relation videoRelation;
    private MediaTable.Columns videoColumns;
    private Relation audioRelation;
    private MediaTable.Columns audioColumns;

    public MediaFanout(LocalRecipients recipients, LiveState state, DrainScheduler drainScheduler) {
        this.recipients = recipients;
        this.state = state;
        this.drainScheduler = drainScheduler;
    }

    @Override
    public void onInsert(Insert insert, Transaction transaction) {
        Relation rel = insert.relation();
        MediaTable table = MediaTable.forRelation(rel.name());
        if (table == null) {
            return;
        }
        boolean video = table == MediaTable.VIDEO;
        TupleData row = insert.newTuple();
        try {
            MediaTable.Columns cols = columnsFor(rel, video);
            String recipient = cols.recipient(row);
            OutboundQueue out = recipients.outboundOf(recipient);
            if (out == null) {
                unroutable.incrementAndGet();
                return;
            }
            if (transaction.backlog()) {
                stale.incrementAndGet();
                return;
            }
            String sender = cols.sender(row);
            long callId = cols.callId(row);
            // Only while the call is accepted, and only between its parties: frames still in the
            // stream after the call ended (in WAL order, so the end is already applied) stop here.
            CallRecord call = state.activeCall(callId);
            if (call == null || !call.accepted() || !recipient.equals(call.peerOf(sender))) {
                outsideCall.incrementAndGet();
                return;
            }
            MediaHeader header = cols.header(row, callId, sender);
            ByteBuffer payload = cols.payload(row);
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

    private MediaTable.Columns columnsFor(Relation rel, boolean video) throws PgOutputException {
        if (video) {
            if (rel != videoRelation) {
                videoColumns = MediaTable.VIDEO.columnsIn(rel);
                videoRelation = rel;
            }
            return videoColumns;
        }
        if (rel != audioRelation) {
            audioColumns = MediaTable.AUDIO.columnsIn(rel);
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
}
