package com.waltalk.relay.metrics;

import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.chat.ChatStore;
import com.waltalk.relay.fanout.MediaFanout;
import com.waltalk.relay.fanout.OutboundStats;
import com.waltalk.relay.ingest.MediaTtlCleaner;
import com.waltalk.relay.ingest.MediaWriter;
import com.waltalk.relay.replication.ReplicationService;
import com.waltalk.relay.session.SessionController;
import com.waltalk.relay.session.SessionRegistry;
import com.waltalk.relay.state.LiveState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds the counters the relay's components already keep to meters; nothing is counted twice.
 * Counters become Prometheus {@code _total} series (frames per second is their {@code rate()});
 * gauges are read at scrape time. Thread-safe (every source it reads is).
 */
final class RelayMeters implements MeterBinder {

    /** The running relay's parts the meters read. */
    record Sources(String relayId, String slot, String version, IntSupplier connections, SessionRegistry sessions,
                   SessionController controller, MediaWriter writer, MediaFanout fanout, MediaTtlCleaner cleaner,
                   ReplicationService replication, LiveState state, ChatStore chat) {
    }

    private final Sources s;

    RelayMeters(Sources sources) {
        this.s = sources;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        Gauge.builder("waltalk.relay.info", () -> 1).tag("relay_id", s.relayId()).tag("slot", s.slot())
                .tag("version", s.version()).description("this relay's id, replication slot and version")
                .register(r);

        Gauge.builder("waltalk.connections", s.connections()::getAsInt)
                .description("open WebSocket connections, signed in or not").register(r);
        Gauge.builder("waltalk.users.signed.in", s.sessions(), SessionRegistry::size)
                .description("users signed in on this relay").register(r);

        SessionController c = s.controller();
        counter(r, "waltalk.media.frames.received", c, SessionController::videoFramesAccepted, "kind", "video",
                "media frames accepted from clients and queued for the database");
        counter(r, "waltalk.media.frames.received", c, SessionController::audioFramesAccepted, "kind", "audio",
                "media frames accepted from clients and queued for the database");
        FunctionCounter.builder("waltalk.media.frames.rejected", c, SessionController::framesRejected)
                .description("media frames refused: malformed, over the rate limit, or not in an accepted call")
                .register(r);

        MediaFanout f = s.fanout();
        counter(r, "waltalk.media.frames.delivered", f, MediaFanout::deliveredVideo, "kind", "video",
                "media frames from the replication stream handed to a recipient on this relay");
        counter(r, "waltalk.media.frames.delivered", f, MediaFanout::deliveredAudio, "kind", "audio",
                "media frames from the replication stream handed to a recipient on this relay");
        String skipped = "media rows from the stream not delivered here, by reason";
        counter(r, "waltalk.fanout.skipped", f, MediaFanout::unroutable, "reason", "recipient_not_here", skipped);
        counter(r, "waltalk.fanout.skipped", f, MediaFanout::stale, "reason", "backlog", skipped);
        counter(r, "waltalk.fanout.skipped", f, MediaFanout::outsideCall, "reason", "outside_call", skipped);
        counter(r, "waltalk.fanout.skipped", f, MediaFanout::invalid, "reason", "invalid_row", skipped);

        MediaWriter w = s.writer();
        String dropped = "media frames dropped: writer_queue = the database could not keep up; "
                + "outbound_queue = a congested recipient's older video frame replaced by a newer one";
        FunctionCounter.builder("waltalk.media.frames.dropped", w, MediaWriter::droppedVideo)
                .tags("kind", "video", "queue", "writer_queue").description(dropped).register(r);
        FunctionCounter.builder("waltalk.media.frames.dropped", w, MediaWriter::droppedAudio)
                .tags("kind", "audio", "queue", "writer_queue").description(dropped).register(r);
        OutboundStats out = c.outboundStats();
        FunctionCounter.builder("waltalk.media.frames.dropped", out, OutboundStats::videoFramesDropped)
                .tags("kind", "video", "queue", "outbound_queue").description(dropped).register(r);
        FunctionCounter.builder("waltalk.clients.disconnected.slow", out, OutboundStats::slowClientsDisconnected)
                .description("clients disconnected for falling more than 1 MiB behind on audio and control")
                .register(r);
        FunctionCounter.builder("waltalk.media.rows.written", w, MediaWriter::rowsWritten)
                .description("media rows inserted").register(r);
        FunctionCounter.builder("waltalk.media.commits", w, MediaWriter::commits)
                .description("media insert transactions committed").register(r);
        Gauge.builder("waltalk.media.writer.queued", w, MediaWriter::queuedBytes).baseUnit("bytes")
                .description("media bytes waiting to be inserted").register(r);
        FunctionCounter.builder("waltalk.media.rows.deleted", s.cleaner(), MediaTtlCleaner::deletedRows)
                .description("media rows deleted after their TTL (only when the TTL is too long for the partition ring)").register(r);
        FunctionCounter.builder("waltalk.media.partitions.truncated", s.cleaner(), MediaTtlCleaner::truncations)
                .description("media partitions (video + audio pairs) truncated after their TTL").register(r);

        ReplicationService rep = s.replication();
        Gauge.builder("waltalk.replication.connected", rep, x -> x.isConnected() ? 1 : 0)
                .description("1 while the logical replication stream is open").register(r);
        FunctionCounter.builder("waltalk.replication.reconnects", rep, ReplicationService::reconnects)
                .description("times the replication stream was re-established after a loss").register(r);
        FunctionCounter.builder("waltalk.replication.rows", rep, ReplicationService::rowsReceived)
                .description("row changes received from the replication stream").register(r);
        FunctionCounter.builder("waltalk.replication.transactions", rep, ReplicationService::transactions)
                .description("transactions received from the replication stream").register(r);
        FunctionCounter.builder("waltalk.replication.received", rep, ReplicationService::bytesReceived)
                .baseUnit("bytes").description("pgoutput bytes received").register(r);
        FunctionCounter.builder("waltalk.replication.decode.errors", rep, ReplicationService::decodeErrors)
                .description("pgoutput messages that could not be decoded (should stay 0)").register(r);

        LiveState state = s.state();
        Gauge.builder("waltalk.calls.active", state, st -> count(st, true)).tag("state", "accepted")
                .description("calls in progress across all relays of this database").register(r);
        Gauge.builder("waltalk.calls.active", state, st -> count(st, false)).tag("state", "ringing")
                .description("calls in progress across all relays of this database").register(r);
        FunctionCounter.builder("waltalk.chat.messages.stored", s.chat(), ChatStore::messagesStored)
                .description("chat messages sent through this relay and stored").register(r);
    }

    private static <T> void counter(MeterRegistry r, String name, T source, ToDoubleFunction<T> f, String tag,
                                    String value, String description) {
        FunctionCounter.builder(name, source, f).tag(tag, value).description(description).register(r);
    }

    private static double count(LiveState state, boolean accepted) {
        int n = 0;
        for (CallRecord call : state.activeCalls()) {
            if (call.accepted() == accepted) {
                n++;
            }
        }
        return n;
    }
}
