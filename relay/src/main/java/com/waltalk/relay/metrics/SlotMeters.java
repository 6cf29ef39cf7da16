package com.waltalk.relay.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes {@link SlotStatsProbe} figures as per-slot gauges (label {@code slot}): every logical
 * slot in the database, not only this relay's, because the slot of a relay that died is the one
 * that fills the disk. {@link #refresh()} is called before each scrape; the probe's cache decides
 * whether that reaches the database. Thread-safe.
 */
final class SlotMeters {

    private final SlotStatsProbe probe;
    private final MultiGauge lag;
    private final MultiGauge retained;
    private final MultiGauge safeWalSize;
    private final MultiGauge active;
    private final MultiGauge lost;

    SlotMeters(SlotStatsProbe probe, MeterRegistry registry) {
        this.probe = probe;
        lag = MultiGauge.builder("waltalk.slot.lag").baseUnit("bytes")
                .description("WAL between the server's current position and what the slot's consumer confirmed")
                .register(registry);
        retained = MultiGauge.builder("waltalk.slot.wal.retained").baseUnit("bytes")
                .description("WAL the slot keeps on the database server's disk (from its restart_lsn)")
                .register(registry);
        safeWalSize = MultiGauge.builder("waltalk.slot.safe.wal.size").baseUnit("bytes")
                .description("WAL that may still be written before the slot is invalidated by max_slot_wal_keep_size")
                .register(registry);
        active = MultiGauge.builder("waltalk.slot.active")
                .description("1 while a replication connection uses the slot").register(registry);
        lost = MultiGauge.builder("waltalk.slot.lost")
                .description("1 if the slot was invalidated (wal_status = lost): its relay must be restarted")
                .register(registry);
        FunctionCounter.builder("waltalk.slot.probe.failures", probe, SlotStatsProbe::failures)
                .description("failed reads of pg_replication_slots").register(registry);
        FunctionCounter.builder("waltalk.slot.probe.queries", probe, SlotStatsProbe::queries)
                .description("reads of pg_replication_slots (at most one per probe interval, however often scraped)")
                .register(registry);
    }

    void refresh() {
        SlotStatsProbe.Snapshot snapshot = probe.snapshot();
        if (!snapshot.ok()) {
            return; // keep the last figures rather than pretend the slots vanished
        }
        List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
        List<MultiGauge.Row<?>> retainedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> safeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> activeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> lostRows = new ArrayList<>();
        for (SlotStatsProbe.SlotStats s : snapshot.slots()) {
            Tags tags = Tags.of("slot", s.slot());
            if (s.lagBytes() != null) {
                lagRows.add(MultiGauge.Row.of(tags, s.lagBytes()));
            }
            if (s.retainedBytes() != null) {
                retainedRows.add(MultiGauge.Row.of(tags, s.retainedBytes()));
            }
            if (s.safeWalSizeBytes() != null) {
                safeRows.add(MultiGauge.Row.of(tags, s.safeWalSizeBytes()));
            }
            activeRows.add(MultiGauge.Row.of(tags, s.active() ? 1 : 0));
            lostRows.add(MultiGauge.Row.of(tags, s.lost() ? 1 : 0));
        }
        lag.register(lagRows, true);
        retained.register(retainedRows, true);
        safeWalSize.register(safeRows, true);
        active.register(activeRows, true);
        lost.register(lostRows, true);
    }
}
