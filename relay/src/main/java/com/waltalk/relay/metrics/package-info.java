/**
 * The relay's metrics (Micrometer, Prometheus text format): {@link com.waltalk.relay.metrics.RelayMetrics}
 * binds the counters the components already keep ({@code RelayMeters}) and the state of every replication
 * slot ({@code SlotMeters}, read through the cached {@code SlotStatsProbe}).
 *
 * <p><b>May use</b>: the components it reads — {@code session}, {@code fanout}, {@code ingest},
 * {@code replication}, {@code state}, {@code calls}, {@code chat} — Micrometer, and JDBC through the
 * relay's pool (the slot probe). It must not use {@code transport}, {@code health}, {@code db} or
 * {@code cli}.
 *
 * <p><b>Used by</b> the root package only: components count for themselves and never depend on this package
 * (the dependency goes metrics → component).
 */
package com.waltalk.relay.metrics;
