package com.waltalk.relay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches a run once a second from the outside: the relay's replication slot (WAL retained and not
 * yet confirmed) and the relay's own counters from {@code /healthz}, whose differences show where
 * frames queue up — accepted but not yet written (the ingest writers' queues) or written but not yet
 * handed to a recipient (PostgreSQL's WAL sender and the relay's replication thread). Not
 * thread-safe: sample from one thread.
 */
public final class RunMonitor {

    private static final List<String> SEVERITY = List.of("unknown", "reserved", "extended", "unreserved", "lost");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchDatabase db;
    private final RelayProcess relay;
    private final String slot;
    private final long originNanos;
    private final List<String> timeline = new ArrayList<>();
    private long maxRestartLag = -1;
    private long maxConfirmLag = -1;
    private String worstStatus = "unknown";
    private long maxIngestBacklog = -1;
    private long maxDeliveryBacklog = -1;

    /** @param originNanos {@link System#nanoTime()} that the timeline's seconds count from */
    public RunMonitor(BenchDatabase db, RelayProcess relay, String slot, long originNanos) {
        this.db = db;
        this.relay = relay;
        this.slot = slot;
        this.originNanos = originNanos;
    }

    /** Takes one sample. */
    public void sample() throws SQLException, InterruptedException {
        BenchDatabase.SlotStatus s = db.slotStatus(slot);
        if (s == null) {
            worstStatus = "missing";
        } else {
            maxRestartLag = Math.max(maxRestartLag, s.restartLagBytes());
            maxConfirmLag = Math.max(maxConfirmLag, s.confirmLagBytes());
            if (!"missing".equals(worstStatus) && SEVERITY.indexOf(s.walStatus()) > SEVERITY.indexOf(worstStatus)) {
                worstStatus = s.walStatus();
            }
        }
        long ingest = -1;
        long delivery = -1;
        String health = relay.health(Duration.ofMillis(500));
        if (health != null) {
            try {
                JsonNode j = JSON.readTree(health);
                long accepted = j.path("framesAccepted").asLong(-1);
                long written = j.path("rowsWritten").asLong(-1);
                long delivered = j.path("framesDelivered").asLong(-1);
                if (accepted >= 0 && written >= 0 && delivered >= 0) {
                    ingest = accepted - written;
                    delivery = written - delivered;
                    maxIngestBacklog = Math.max(maxIngestBacklog, ingest);
                    maxDeliveryBacklog = Math.max(maxDeliveryBacklog, delivery);
                }
            } catch (IOException e) {
                // not JSON: leave this sample out
            }
        }
        timeline.add(String.format(Locale.ROOT, "%.3f,%d,%d,%d,%d,%s", (System.nanoTime() - originNanos) / 1e9, ingest,
                delivery, s == null ? -1 : s.confirmLagBytes(), s == null ? -1 : s.restartLagBytes(),
                s == null ? "missing" : s.walStatus()));
    }

    /** Writes the samples as CSV. */
    public void writeTimeline(Writer out) throws IOException {
        out.write("t_s,ingest_backlog_frames,delivery_backlog_frames,slot_unconfirmed_bytes,slot_retained_bytes,"
                + "wal_status\n");
        for (String line : timeline) {
            out.write(line);
            out.write('\n');
        }
    }

    public Summary summary() {
        return new Summary(maxRestartLag, maxConfirmLag, worstStatus, maxIngestBacklog, maxDeliveryBacklog);
    }

    /**
     * The worst of each figure over the samples; -1 where nothing could be measured.
     *
     * @param maxRestartLagBytes     most WAL the relay's slot retained ({@code restart_lsn} behind the WAL end);
     *                               past {@code max_slot_wal_keep_size} a checkpoint invalidates the slot
     * @param maxConfirmLagBytes     most WAL not yet confirmed by the relay
     * @param worstWalStatus         worst {@code wal_status} seen ({@code reserved} is healthy)
     * @param maxIngestBacklogFrames most frames accepted by the relay but not yet committed
     * @param maxDeliveryBacklogFrames most frames committed but not yet handed to their recipient
     */
    public record Summary(long maxRestartLagBytes, long maxConfirmLagBytes, String worstWalStatus,
                          long maxIngestBacklogFrames, long maxDeliveryBacklogFrames) {
    }
}
