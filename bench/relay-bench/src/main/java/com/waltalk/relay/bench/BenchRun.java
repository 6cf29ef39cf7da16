package com.waltalk.relay.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.waltalk.protocol.media.MediaKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run for one number of calls: a fresh relay child, the simulated calls with their
 * measurements, then (relay stopped) the raw database capacity, and the media tables emptied
 * again. The database is shared between runs. Not thread-safe.
 */
public final class BenchRun {

    /** The relay's id in the benchmark; its slot is {@code waltalk_relay_bench}. */
    static final String RELAY_ID = "bench";
    static final String RELAY_SLOT = "waltalk_relay_" + RELAY_ID;
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    /** The server occasionally resets the probe's replication connection (cause unknown); try again once. */
    static final int RAW_ATTEMPTS = 2;
    /** The relay's replication status interval is 1 s: give the last acknowledgement time to land. */
    static final Duration SLOT_SETTLE = Duration.ofMillis(1_500);

    /**
     * What to run.
     *
     * @param calls         simultaneous calls
     * @param seconds       measured window
     * @param warmupSeconds sending before the window
     * @param videoBytes    video payload size
     * @param rawSeconds    length of the raw capacity measurement, 0 to skip it
     * @param relay         how to start the relay child
     * @param traceDir      where to write each sample as CSV ({@code trace-<calls>.csv}), or null
     * @param waitQuiet     how long to wait for an idle machine before the run (zero: do not wait)
     * @param dbSettings    server settings changed from the relay's configuration (reported only)
     * @param prewarmWalMb  WAL written before the first run to have segments to recycle (reported only)
     */
    public record Plan(int calls, int seconds, int warmupSeconds, int videoBytes, RelayLaunch relay,
                       int rawSeconds, Path traceDir, Duration waitQuiet,
                       Map<String, String> dbSettings, int prewarmWalMb) {
    }

    /** The run could not complete; the message says why. */
    public static final class RunException extends Exception {
        RunException(String message) {
            super(message);
        }
    }

    private final BenchEnvironment env;
    private final MachineInfo machine;
    private final PrintStream progress;

    /** @param progress where progress notes go (stderr, so stdout stays the report) */
    public BenchRun(BenchEnvironment env, MachineInfo machine, PrintStream progress) {
        this.env = env;
        this.machine = machine;
        this.progress = progress;
    }

    public BenchResult run(Plan plan) throws RunException, InterruptedException, IOException, SQLException {
        BenchDatabase db = env.database();
        db.checkpoint();
        double busyBefore = plan.waitQuiet().isZero() ? -1 : QuietMachine.await(plan.waitQuiet(), progress);
        progress.printf("bench: %d call(s): starting relay%n", plan.calls());
        RelayProcess relay;
        try {
            relay = env.startRelay(RELAY_ID, plan.relay(), "relay-" + plan.calls() + ".log");
        } catch (RelayProcess.RelayProcessException e) {
            throw new RunException(e.getMessage());
        }
        Traffic traffic;
        try {
            traffic = simulate(plan, relay, db);
        } finally {
            env.stopRelay();
        }
        if (!db.dropSlot(RELAY_SLOT, 10_000)) {
            progress.println("bench: the relay's slot is still active after the relay stopped; not dropped");
        }
        RawCapacityProbe.Result raw = null;
        if (plan.rawSeconds() > 0) {
            progress.printf("bench: %d call(s): raw database capacity for %d s%n", plan.calls(), plan.rawSeconds());
            for (int attempt = 1; raw == null && attempt <= RAW_ATTEMPTS; attempt++) {
                try {
                    raw = new RawCapacityProbe(db, plan.videoBytes()).run(Duration.ofSeconds(plan.rawSeconds()));
                } catch (RawCapacityProbe.ProbeException e) {
                    progress.printf("bench: raw capacity probe %d of %d failed: %s%n", attempt, RAW_ATTEMPTS,
                            e.getMessage());
                    db.truncateMedia();
                }
            }
        }
        db.truncateMedia();
        return traffic.toResult(plan, raw, machine, busyBefore);
    }

    private Traffic simulate(Plan plan, RelayProcess relay, BenchDatabase db)
            throws IOException, InterruptedException, SQLException, RunException {
        progress.printf("bench: %d call(s): connecting %d clients%n", plan.calls(), 2 * plan.calls());
        long relayPid = relay.pid();
        long selfPid = ProcessHandle.current().pid();
        CallSimulator connected;
        try {
            connected = CallSimulator.connect(relay.webSocketUri(), plan.calls(), plan.videoBytes(),
                    plan.warmupSeconds() + plan.seconds());
        } catch (IOException e) {
            throw new RunException("setting up the calls failed: " + e.getMessage() + "; the relay's log ends with:\n"
                    + relay.logTail(20));
        }
        if (!connected.callSetupRetries().isEmpty()) {
            progress.printf("bench: %d call(s): some calls had to be started again: %s%n", plan.calls(),
                    connected.callSetupRetries());
        }
        try (CallSimulator sim = connected) {
            long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.warmupSeconds());
            progress.printf("bench: %d call(s): sending for %d s + %d s warm-up%n", plan.calls(), plan.seconds(),
                    plan.warmupSeconds());
            sim.start(measureFrom);
            sleepUntil(measureFrom);
            Snapshot start = Snapshot.take(relayPid, selfPid, db, sim);
            RunMonitor monitor = new RunMonitor(db, relay, RELAY_SLOT, measureFrom);
            long endAt = measureFrom + TimeUnit.SECONDS.toNanos(plan.seconds());
            while (System.nanoTime() < endAt) {
                sleepUntil(Math.min(endAt, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
                monitor.sample();
            }
            Snapshot end = Snapshot.take(relayPid, selfPid, db, sim);
            long walBytes = db.walBytesSince(start.lsn());
            sim.stopSending();
            if (!relay.isAlive()) {
                throw new RunException("the relay died during the run; its log ends with:\n" + relay.logTail(20));
            }
            boolean drained = sim.awaitDrain(DRAIN_TIMEOUT);
            // counted now: what arrives later than the drain timeout is lost
            CallSimulator.KindStats video = sim.stats(MediaKind.VIDEO_JPEG);
            CallSimulator.KindStats audio = sim.stats(MediaKind.AUDIO_PCM16LE);
            if (!drained) {
                progress.printf("bench: %d call(s): not everything arrived within %d s after sending stopped%n",
                        plan.calls(), DRAIN_TIMEOUT.toSeconds());
            }
            if (plan.traceDir() != null) {
                Path file = plan.traceDir().resolve("trace-" + plan.calls() + ".csv");
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    sim.writeTrace(w, measureFrom);
                }
                Path timeline = plan.traceDir().resolve("monitor-" + plan.calls() + ".csv");
                try (Writer w = Files.newBufferedWriter(timeline, StandardCharsets.UTF_8)) {
                    monitor.writeTimeline(w);
                }
                progress.println("bench: latency samples written to " + file + ", relay/slot timeline to " + timeline);
            }
            Thread.sleep(SLOT_SETTLE.toMillis());
            long slotLag = db.slotLagBytes(RELAY_SLOT);
            BenchResult.RelayCounters counters = counters(relay.health(Duration.ofSeconds(2)));
            double peakRssMb = kibToMib(ProcessStats.peakRssKib(relayPid));
            return new Traffic(video, audio, start, end,
                    walBytes, slotLag, monitor.summary(), counters, peakRssMb, sim.closedClients(), sim.unexpectedFrames(),
                    sim.relayErrors());
        }
    }

    private static BenchResult.RelayCounters counters(String health) {
        if (health == null) {
            return BenchResult.RelayCounters.UNKNOWN;
        }
        try {
            JsonNode j = new ObjectMapper().readTree(health);
            return new BenchResult.RelayCounters(j.path("framesAccepted").asLong(-1), j.path("rowsWritten").asLong(-1),
                    j.path("framesDelivered").asLong(-1));
        } catch (IOException e) {
            return BenchResult.RelayCounters.UNKNOWN;
        }
    }

    private static double kibToMib(long kib) {
        return kib < 0 ? -1 : kib / 1024.0;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    /** Counters read at the start and the end of the measured window. */
    private record Snapshot(long nanos, long relayTicks, long dbTicks, long selfTicks, long allProcessTicks,
                            long machineTicks, String lsn, long videoSent, long audioSent) {
        static Snapshot take(long relayPid, long selfPid, BenchDatabase db, CallSimulator sim) throws SQLException {
            long now = System.nanoTime();
            long postmaster = db.postmasterPid();
            long dbTicks = ProcessStats.treeCpuTicksExcluding(postmaster > 0 ? List.of(postmaster) : List.of(), relayPid);
            return new Snapshot(now, ProcessStats.cpuTicks(relayPid), dbTicks,
                    ProcessStats.cpuTicks(selfPid), ProcessStats.allProcessesCpuTicks(), ProcessStats.machineBusyTicks(),
                    db.currentWalLsn(), sim.sent(MediaKind.VIDEO_JPEG),
                    sim.sent(MediaKind.AUDIO_PCM16LE));
        }
    }

    /** What the simulated calls measured, before the raw capacity is known. */
    private record Traffic(CallSimulator.KindStats video, CallSimulator.KindStats audio, Snapshot start,
                           Snapshot end, long walBytes, long slotLag, RunMonitor.Summary monitor,
                           BenchResult.RelayCounters counters,
                           double relayPeakRssMb, int closedClients, long unexpectedFrames,
                           Map<String, Integer> relayErrors) {

        BenchResult toResult(Plan plan, RawCapacityProbe.Result raw, MachineInfo machine, double busyBefore) {
            long window = end.nanos() - start.nanos();
            // the larger of two views: precise per-process times (this PID namespace only) and the
            // tick-sampled machine total (sees everything, under-counts bursty load)
            double machineCpu = Math.max(ProcessStats.cpuPercent(start.allProcessTicks(), end.allProcessTicks(), window),
                    ProcessStats.cpuPercent(start.machineTicks(), end.machineTicks(), window));
            double seconds = window / 1e9;
            double videoFps = (end.videoSent() - start.videoSent()) / seconds;
            return new BenchResult(plan.calls(), plan.seconds(), plan.warmupSeconds(), plan.videoBytes(), video, audio,
                    videoFps, videoFps * plan.videoBytes() / 1e6, (end.audioSent() - start.audioSent()) / seconds,
                    video.latency().samples() / seconds,
                    ProcessStats.cpuPercent(start.relayTicks(), end.relayTicks(), window), relayPeakRssMb,
                    ProcessStats.cpuPercent(start.dbTicks(), end.dbTicks(), window),
                    ProcessStats.cpuPercent(start.selfTicks(), end.selfTicks(), window),
                    machineCpu, busyBefore, walBytes, slotLag, monitor, counters, closedClients, unexpectedFrames,
                    relayErrors, raw,
                    plan.dbSettings(), plan.prewarmWalMb(), plan.relay(), machine);
        }
    }
}
