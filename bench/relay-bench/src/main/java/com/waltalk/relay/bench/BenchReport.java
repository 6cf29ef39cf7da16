package com.waltalk.relay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints benchmark results: human-readable lines and one {@code BENCH_JSON} line per run, and a
 * Markdown summary table for a sweep. Stateless apart from the output stream; not thread-safe.
 */
public final class BenchReport {

    /** Prefix of the machine-readable line of each run. */
    public static final String JSON_PREFIX = "BENCH_JSON ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final boolean jsonOnly;

    /** @param jsonOnly print only the {@code BENCH_JSON} lines */
    public BenchReport(PrintStream out, boolean jsonOnly) {
        this.out = out;
        this.jsonOnly = jsonOnly;
    }

    /** Prints one run. */
    public void printRun(BenchResult r) {
        if (!jsonOnly) {
            printHuman(r);
        }
        out.println(JSON_PREFIX + json(r));
        out.flush();
    }

    private void printHuman(BenchResult r) {
        out.println();
        out.printf(Locale.ROOT, "=== %d call(s): %d s measured after %d s warm-up, %d-byte video ===%n", r.calls(),
                r.seconds(), r.warmupSeconds(), r.videoBytes());
        out.printf(Locale.ROOT, "offered      %.1f video frames/s (%.2f MB/s), %.1f audio packets/s%n",
                r.offeredVideoFps(), r.offeredMBps(), r.offeredAudioPps());
        printKind("video", r.video());
        printKind("audio", r.audio());
        BenchResult.WorstSecond worst = r.worstMeasuredSecond();
        out.printf(Locale.ROOT, "steadiness   worst second of the window p99 %s ms (second %d); warm-up (not in the "
                        + "figures above) video p99 %s max %s ms, audio p99 %s max %s ms; every second's p99 ≤ %.0f ms "
                        + "from %d s after sending started%n", num(worst.p99(), 1), worst.second(),
                num(r.video().warmupLatency().p99(), 1), num(r.video().warmupLatency().max(), 1),
                num(r.audio().warmupLatency().p99(), 1), num(r.audio().warmupLatency().max(), 1),
                BenchResult.P99_TARGET_MS, r.settledAfterSeconds());
        out.printf(Locale.ROOT, "relay        CPU %s of one core, peak RSS %s MB; accepted %d, written %d, "
                        + "delivered %d%n", pct(r.relayCpuPct()), num(r.relayPeakRssMb(), 0),
                r.relay().framesAccepted(), r.relay().rowsWritten(), r.relay().framesDelivered());
        RunMonitor.Summary m = r.monitor();
        out.printf(Locale.ROOT, "database     CPU %s; WAL %s MB/s (%d bytes); relay slot lag at end %d bytes; during "
                        + "the run at most %.1f MB unconfirmed, %.1f MB retained, wal_status %s%n",
                pct(r.dbCpuPct()), num(r.walMBps(), 2), r.walBytes(), r.slotLagBytes(),
                m.maxConfirmLagBytes() / 1e6, m.maxRestartLagBytes() / 1e6, m.worstWalStatus());
        out.printf(Locale.ROOT, "backlog      at most %d frame(s) accepted but not yet committed, %d committed but not yet "
                + "handed to a recipient (relay /healthz, once a second)%n", m.maxIngestBacklogFrames(),
                m.maxDeliveryBacklogFrames());
        out.printf(Locale.ROOT, "clients      CPU %s (simulated clients, same machine); pacing max lag video %.1f ms, "
                        + "audio %.1f ms%n", pct(r.benchCpuPct()), r.video().pacerMaxLagMs(),
                r.audio().pacerMaxLagMs());
        out.printf(Locale.ROOT, "machine      CPU %s of %d00 %% in total; other processes %s%s%n", pct(r.machineCpuPct()),
                r.machine().cores(), pct(r.otherCpuPct()), r.busyBeforePct() < 0 ? ""
                        : String.format(Locale.ROOT, "; %.0f %% busy just before the run", r.busyBeforePct()));
        if (!r.relayLaunch().isDefault()) {
            out.println("relay start  writers " + (r.relayLaunch().writers() == null ? "default" : r.relayLaunch().writers())
                    + ", JVM options " + r.relayLaunch().jvmArgs() + ", serve options " + r.relayLaunch().serveArgs());
        }
        if (!r.dbSettings().isEmpty()) {
            out.println("db settings  changed from the relay's configuration: " + r.dbSettings());
        }
        if (r.closedClients() > 0 || r.unexpectedFrames() > 0 || !r.relayErrors().isEmpty()) {
            out.printf(Locale.ROOT, "WARNING      %d client(s) disconnected by the relay, %d misrouted frame(s), "
                    + "relay errors %s%n", r.closedClients(), r.unexpectedFrames(), r.relayErrors());
        }
        RawCapacityProbe.Result raw = r.raw();
        if (raw != null) {
            out.printf(Locale.ROOT, "raw DB       %.0f rows/s inserted (%.1f video frames/s), %.0f rows/s decoded, "
                            + "WAL %.1f MB/s, consumer caught up %s after the writers stopped (%d writers, "
                            + "%d-row transactions, %.1f s)%n", raw.rowsPerSec(), raw.videoFramesPerSec(),
                    raw.decodedRowsPerSec(), raw.walMBps(),
                    raw.catchUpMillis() < 0 ? "NOT within " + RawCapacityProbe.CATCH_UP_TIMEOUT.toSeconds() + " s"
                            : String.format(Locale.ROOT, "%.0f ms", raw.catchUpMillis()),
                    RawCapacityProbe.WRITERS, RawCapacityProbe.BATCH_ROWS, raw.seconds());
            out.printf(Locale.ROOT, "ratio        relay delivered %.1f video frames/s = %.3f of raw capacity%n",
                    r.deliveredVideoFps(), r.ratio());
        }
        out.printf(Locale.ROOT, "result       %s (p99 ≤ %.0f ms for video and audio, nothing lost)%n",
                r.pass() ? "PASS" : "FAIL", BenchResult.P99_TARGET_MS);
    }

    private void printKind(String name, CallSimulator.KindStats k) {
        LatencyRecorder.Percentiles l = k.latency();
        out.printf(Locale.ROOT, "%-12s sent %d, delivered %d, lost %d, out of order %d, duplicates %d; "
                        + "latency ms p50 %s p95 %s p99 %s max %s (%d samples)%n", name, k.sent(), k.delivered(),
                k.lost(), k.outOfOrder(), k.duplicates(), ms(l.p50()), ms(l.p95()), ms(l.p99()), ms(l.max()),
                l.samples());
        if (k.sendFailures() > 0 || k.latencyOverflow() > 0) {
            out.printf(Locale.ROOT, "%-12s %d frame(s) could not be sent, %d latency sample(s) not kept%n", "",
                    k.sendFailures(), k.latencyOverflow());
        }
    }

    /** The compact JSON of one run. */
    public static String json(BenchResult r) {
        ObjectNode j = JSON.createObjectNode();
        j.put("calls", r.calls());
        j.put("seconds", r.seconds());
        j.put("warmupSeconds", r.warmupSeconds());
        j.put("videoBytes", r.videoBytes());
        j.set("video", kind(r.video()));
        j.set("audio", kind(r.audio()));
        put(j, "offeredVideoFps", r.offeredVideoFps(), 1);
        put(j, "offeredMBps", r.offeredMBps(), 3);
        put(j, "offeredAudioPps", r.offeredAudioPps(), 1);
        put(j, "deliveredVideoFps", r.deliveredVideoFps(), 1);
        put(j, "relayCpuPct", r.relayCpuPct(), 1);
        put(j, "relayPeakRssMb", r.relayPeakRssMb(), 1);
        put(j, "dbCpuPct", r.dbCpuPct(), 1);
        put(j, "benchCpuPct", r.benchCpuPct(), 1);
        put(j, "machineCpuPct", r.machineCpuPct(), 1);
        put(j, "otherCpuPct", r.otherCpuPct(), 1);
        put(j, "busyBeforePct", r.busyBeforePct(), 1);
        j.put("walBytes", r.walBytes());
        put(j, "walMBps", r.walMBps(), 3);
        j.put("slotLagBytes", r.slotLagBytes());
        j.put("slotMaxConfirmLagBytes", r.monitor().maxConfirmLagBytes());
        j.put("slotMaxRestartLagBytes", r.monitor().maxRestartLagBytes());
        j.put("slotWalStatus", r.monitor().worstWalStatus());
        j.put("maxIngestBacklogFrames", r.monitor().maxIngestBacklogFrames());
        j.put("maxDeliveryBacklogFrames", r.monitor().maxDeliveryBacklogFrames());
        ObjectNode relay = j.putObject("relay");
        relay.put("framesAccepted", r.relay().framesAccepted());
        relay.put("rowsWritten", r.relay().rowsWritten());
        relay.put("framesDelivered", r.relay().framesDelivered());
        j.put("closedClients", r.closedClients());
        j.put("unexpectedFrames", r.unexpectedFrames());
        ObjectNode errors = j.putObject("relayErrors");
        r.relayErrors().forEach(errors::put);
        RawCapacityProbe.Result raw = r.raw();
        if (raw == null) {
            j.putNull("raw");
        } else {
            ObjectNode rj = j.putObject("raw");
            put(rj, "seconds", raw.seconds(), 3);
            put(rj, "rowsPerSec", raw.rowsPerSec(), 1);
            put(rj, "videoFramesPerSec", raw.videoFramesPerSec(), 1);
            put(rj, "decodedRowsPerSec", raw.decodedRowsPerSec(), 1);
            put(rj, "catchUpMs", raw.catchUpMillis(), 1);
            put(rj, "walMBps", raw.walMBps(), 3);
        }
        put(j, "ratio", r.ratio(), 4);
        j.put("prewarmWalMb", r.prewarmWalMb());
        ObjectNode launch = j.putObject("relayLaunch");
        if (r.relayLaunch().writers() == null) {
            launch.putNull("writers");
        } else {
            launch.put("writers", r.relayLaunch().writers());
        }
        r.relayLaunch().jvmArgs().forEach(launch.putArray("jvmArgs")::add);
        r.relayLaunch().serveArgs().forEach(launch.putArray("serveArgs")::add);
        ObjectNode settings = j.putObject("dbSettings");
        r.dbSettings().forEach(settings::put);
        ObjectNode m = j.putObject("machine");
        m.put("cores", r.machine().cores());
        m.put("memGb", r.machine().memGb());
        m.put("cpuModel", r.machine().cpuModel());
        m.put("javaVersion", r.machine().javaVersion());
        m.put("pgVersion", r.machine().pgVersion());
        BenchResult.WorstSecond worst = r.worstMeasuredSecond();
        put(j, "worstSecondP99", worst.p99(), 3);
        j.put("worstSecond", worst.second());
        j.put("settledAfterSeconds", r.settledAfterSeconds());
        j.put("pass", r.pass());
        return j.toString();
    }

    private static ObjectNode kind(CallSimulator.KindStats k) {
        ObjectNode j = JSON.createObjectNode();
        j.put("sent", k.sent());
        j.put("delivered", k.delivered());
        j.put("lost", k.lost());
        j.put("outOfOrder", k.outOfOrder());
        j.put("duplicates", k.duplicates());
        put(j, "p50", k.latency().p50(), 3);
        put(j, "p95", k.latency().p95(), 3);
        put(j, "p99", k.latency().p99(), 3);
        put(j, "max", k.latency().max(), 3);
        j.put("samples", k.latency().samples());
        put(j, "warmupP99", k.warmupLatency().p99(), 3);
        put(j, "warmupMax", k.warmupLatency().max(), 3);
        j.put("warmupSamples", k.warmupLatency().samples());
        j.put("sendFailures", k.sendFailures());
        put(j, "pacerMaxLagMs", k.pacerMaxLagMs(), 3);
        j.put("pacerLateFrames", k.pacerLateFrames());
        return j;
    }

    /** Rounded to {@code decimals}; NaN and infinities become null. */
    private static void put(ObjectNode j, String field, double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            j.putNull(field);
        } else {
            double scale = Math.pow(10, decimals);
            j.put(field, Math.round(value * scale) / scale);
        }
    }

    /** Prints the Markdown summary of a sweep and the largest passing number of calls. */
    public void printSweep(List<BenchResult> results) {
        if (jsonOnly || results.isEmpty()) {
            return;
        }
        out.println();
        out.println("| calls | video fps offered | delivered | lost v/a | ooo v/a | video p50/p95/p99 ms "
                + "| audio p50/p95/p99 ms | worst 1 s p99 ms | settled after s | relay CPU % | relay RSS MB | DB CPU % "
                + "| bench CPU % | other CPU % | WAL MB/s | pass |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        for (BenchResult r : results) {
            out.printf(Locale.ROOT,
                    "| %d | %.1f | %.1f | %d/%d | %d/%d | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.calls(), r.offeredVideoFps(), r.deliveredVideoFps(), r.video().lost(), r.audio().lost(),
                    r.video().outOfOrder(), r.audio().outOfOrder(), triple(r.video()), triple(r.audio()),
                    num(r.worstMeasuredSecond().p99(), 1), r.settledAfterSeconds(),
                    num(r.relayCpuPct(), 0), num(r.relayPeakRssMb(), 0), num(r.dbCpuPct(), 0),
                    num(r.benchCpuPct(), 0), num(r.otherCpuPct(), 0), num(r.walMBps(), 1), r.pass() ? "yes" : "no");
        }
        out.println();
        int largest = 0;
        for (BenchResult r : results) {
            if (r.pass() && r.calls() > largest) {
                largest = r.calls();
            }
        }
        out.println("largest N with p99 ≤ " + (int) BenchResult.P99_TARGET_MS + " ms and no loss: "
                + (largest == 0 ? "none of those tried" : largest));
        out.flush();
    }

    private static String triple(CallSimulator.KindStats k) {
        LatencyRecorder.Percentiles l = k.latency();
        return num(l.p50(), 1) + " / " + num(l.p95(), 1) + " / " + num(l.p99(), 1);
    }

    private static String ms(double v) {
        return num(v, 3);
    }

    private static String pct(double v) {
        return v < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v);
    }

    private static String num(double v, int decimals) {
        if (Double.isNaN(v) || v < 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
