package com.waltalk.relay.bench;

import java.util.Map;

/**
 * Everything measured in one benchmark run (one number of calls). Rates are per second of the
 * measured window (after the warm-up); throughput MB are 10^6 bytes, memory MB are MiB. A value of
 * -1 means "could not be measured" (e.g. no {@code /proc}).
 *
 * @param calls             simultaneous 1:1 calls
 * @param seconds           length of the measured window
 * @param warmupSeconds     sending before the measured window (counts for delivery, not latency)
 * @param videoBytes        video payload size
 * @param video             video outcome
 * @param audio             audio outcome
 * @param offeredVideoFps   video frames sent per second
 * @param offeredMBps       video payload MB sent per second
 * @param offeredAudioPps   audio packets sent per second
 * @param deliveredVideoFps video frames sent in the window and delivered, per second
 * @param relayCpuPct       relay process CPU, % of one core
 * @param relayPeakRssMb    relay process peak resident memory ({@code VmHWM})
 * @param dbCpuPct          all PostgreSQL processes' CPU, % of one core
 * @param benchCpuPct       this (simulated clients') JVM's CPU, % of one core
 * @param machineCpuPct     every process on the machine, % of one core (at most 100 × cores)
 * @param busyBeforePct     machine busy just before the run (% of one core), -1 if not checked
 * @param walBytes          WAL written during the window
 * @param slotLagBytes      WAL the relay's slot had not confirmed at the end (after the drain)
 * @param monitor           the relay's slot and internal backlogs during the window (sampled each second)
 * @param relay             the relay's own counters at the end ({@code /healthz})
 * @param closedClients     simulated clients the relay had disconnected by the end (should be 0)
 * @param unexpectedFrames  frames delivered to the wrong recipient (should be 0)
 * @param relayErrors       error messages the relay sent the clients during the run, by code (should be empty)
 * @param raw               raw database capacity, or null if not measured
 * @param dbSettings        server settings changed from the relay's configuration for this benchmark
 * @param prewarmWalMb      WAL written before the first run so that segments are recycled (0: fresh cluster)
 * @param relayLaunch       how the relay child was started (writers, extra options)
 * @param machine           where it ran
 */
public record BenchResult(int calls, int seconds, int warmupSeconds, int videoBytes,
                          CallSimulator.KindStats video, CallSimulator.KindStats audio,
                          double offeredVideoFps, double offeredMBps, double offeredAudioPps,
                          double deliveredVideoFps, double relayCpuPct, double relayPeakRssMb,
                          double dbCpuPct, double benchCpuPct, double machineCpuPct, double busyBeforePct,
                          long walBytes, long slotLagBytes, RunMonitor.Summary monitor,
                          RelayCounters relay, int closedClients, long unexpectedFrames,
                          Map<String, Integer> relayErrors,
                          RawCapacityProbe.Result raw, Map<String, String> dbSettings, int prewarmWalMb,
                          RelayLaunch relayLaunch, MachineInfo machine) {

    /** The latency target of a call that feels live. */
    public static final double P99_TARGET_MS = 100.0;

    /**
     * CPU used by processes that are not part of the benchmark (other users of the machine, the
     * kernel's own threads), % of one core; -1 if unknown.
     */
    public double otherCpuPct() {
        if (machineCpuPct < 0 || relayCpuPct < 0 || dbCpuPct < 0 || benchCpuPct < 0) {
            return -1;
        }
        return Math.max(0, machineCpuPct - relayCpuPct - dbCpuPct - benchCpuPct);
    }

    /** WAL written per second of the window, in MB (10^6 bytes). */
    public double walMBps() {
        return walBytes < 0 ? -1 : walBytes / 1e6 / seconds;
    }

    /** Delivered video frames/s ÷ the raw database's video frames/s, or NaN without a raw measurement. */
    public double ratio() {
        return raw == null || raw.videoFramesPerSec() <= 0 ? Double.NaN : deliveredVideoFps / raw.videoFramesPerSec();
    }

    /**
     * Seconds after sending started from which on every second's p99, video and audio, stayed within
     * {@link #P99_TARGET_MS}: how long a cold relay took to settle. 0 if it never exceeded the target.
     */
    public int settledAfterSeconds() {
        int seconds = Math.max(video.perSecond().size(), audio.perSecond().size());
        for (int s = seconds - 1; s >= 0; s--) {
            if (secondP99(s) > P99_TARGET_MS) {
                return s + 1;
            }
        }
        return 0;
    }

    /** The measured window's worst second: its p99 (the larger of video and audio) and where it was. */
    public WorstSecond worstMeasuredSecond() {
        WorstSecond worst = new WorstSecond(-1, Double.NaN);
        int seconds = Math.max(video.perSecond().size(), audio.perSecond().size());
        for (int s = warmupSeconds; s < seconds; s++) {
            double p99 = secondP99(s);
            if (!Double.isNaN(p99) && (worst.second() < 0 || p99 > worst.p99())) {
                worst = new WorstSecond(s - warmupSeconds, p99);
            }
        }
        return worst;
    }

    /** The larger of video's and audio's p99 in second {@code s} of sending; NaN without samples. */
    private double secondP99(int s) {
        double v = s < video.perSecond().size() ? video.perSecond().get(s).p99() : Double.NaN;
        double a = s < audio.perSecond().size() ? audio.perSecond().get(s).p99() : Double.NaN;
        return Double.isNaN(v) ? a : Double.isNaN(a) ? v : Math.max(v, a);
    }

    /**
     * One second of the measured window.
     *
     * @param second seconds from the start of the measured window; -1 if there were no samples
     * @param p99    the larger of video's and audio's p99 in that second, ms
     */
    public record WorstSecond(int second, double p99) {
    }

    /** p99 of video and audio within {@link #P99_TARGET_MS} and nothing lost. */
    public boolean pass() {
        return video.latency().p99() <= P99_TARGET_MS && audio.latency().p99() <= P99_TARGET_MS
                && video.lost() == 0 && audio.lost() == 0;
    }

    /**
     * The relay's counters from {@code /healthz} at the end of the run, or -1 each if unavailable.
     *
     * @param framesAccepted frames the relay accepted from clients
     * @param rowsWritten    rows its writers committed
     * @param framesDelivered rows its fan-out handed to a recipient's queue
     */
    public record RelayCounters(long framesAccepted, long rowsWritten, long framesDelivered) {
        static final RelayCounters UNKNOWN = new RelayCounters(-1, -1, -1);
    }
}
