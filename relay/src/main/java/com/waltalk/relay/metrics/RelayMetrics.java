package com.waltalk.relay.metrics;

import com.waltalk.relay.chat.ChatStore;
import com.waltalk.relay.fanout.MediaFanout;
import com.waltalk.relay.ingest.MediaTtlCleaner;
import com.waltalk.relay.ingest.MediaWriter;
import com.waltalk.relay.replication.ReplicationService;
import com.waltalk.relay.session.SessionController;
import com.waltalk.relay.session.SessionRegistry;
import com.waltalk.relay.state.LiveState;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The relay's metrics in Prometheus text format, served on the health port at {@code /metrics}:
 * relay figures (see {@link RelayMeters}), replication slots (see {@link SlotMeters}) and JVM basics.
 * Thread-safe.
 */
public final class RelayMetrics implements AutoCloseable {

    /** Slot statistics are read from the database at most this often, however often Prometheus scrapes. */
    public static final Duration SLOT_PROBE_INTERVAL = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SlotMeters slots;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final java.util.List<Object> refusalSources = new java.util.concurrent.CopyOnWriteArrayList<>();

    private RelayMetrics(RelayMeters.Sources sources, SlotStatsProbe probe) {
        new RelayMeters(sources).bindTo(registry);
        slots = new SlotMeters(probe, registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Metrics for a running relay's parts. */
    public static RelayMetrics create(String relayId, String slot, String version, IntSupplier connections,
                                      SessionRegistry sessions,
                                      SessionController controller,
                                      MediaWriter writer,
                                      MediaFanout fanout,
                                      MediaTtlCleaner cleaner,
                                      ReplicationService replication,
                                      LiveState state,
                                      ChatStore chat,
                                      SlotStatsProbe slotProbe) {
        return new RelayMetrics(new RelayMeters.Sources(relayId, slot, version, connections, sessions, controller,
                writer, fanout, cleaner, replication, state, chat), slotProbe);
    }

    /**
     * Adds the transport's connection hygiene: {@code waltalk.connections.refused{reason}} (counters; see
     * docs/OPERATIONS.md 12.1 for the reasons) and {@code waltalk.connections.handshaking} (sockets accepted whose
     * WebSocket handshake is not done).
     */
    public void registerRefusedConnections(java.util.Map<String, java.util.function.LongSupplier> byReason,
                                           IntSupplier handshaking) {
        // Micrometer holds a function counter's state weakly: keep the suppliers alive with this registry
        refusalSources.add(byReason);
        refusalSources.add(handshaking);
        byReason.forEach((reason, count) -> io.micrometer.core.instrument.FunctionCounter
                .builder("waltalk.connections.refused", count, c -> c.getAsLong())
                .description("connections refused at accept or closed before sign-in by the connection limits")
                .tag("reason", reason).register(registry));
        io.micrometer.core.instrument.Gauge.builder("waltalk.connections.handshaking", handshaking::getAsInt)
                .description("sockets accepted whose WebSocket handshake is not done yet").register(registry);
    }

    /** The current figures in Prometheus text exposition format (version 0.0.4). */
    public synchronized String scrape() {
        slots.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
