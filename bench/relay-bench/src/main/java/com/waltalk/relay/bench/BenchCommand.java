package com.waltalk.relay.bench;

import com.waltalk.protocol.Limits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The relay benchmark ({@code java -jar bench/relay-bench/target/relay-bench-VERSION.jar}): runs N simulated 1:1 calls against a relay child process backed by an
 * embedded PostgreSQL the benchmark starts itself, and reports latency, loss, CPU, memory, WAL and
 * the raw database capacity for comparison; with {@code --sweep}, for several N in turn.
 */
@Command(name = "relay-bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the relay with simulated 1:1 calls (15 fps video + 50 packets/s audio each way).",
                "Starts its own embedded PostgreSQL and runs the relay as a child JVM; everything is removed "
                        + "afterwards. Prints human-readable lines and one 'BENCH_JSON {...}' line per run."})
public final class BenchCommand implements Callable<Integer> {

    static final int MAX_ATTEMPTS = 3;

    @Option(names = "--calls", defaultValue = "1", description = "simultaneous calls (default ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--sweep", split = ",", paramLabel = "N",
            description = "run each number of calls in turn (e.g. 1,5,10,20,40) and print a summary table; "
                    + "overrides --calls")
    List<Integer> sweep;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per run (default ${DEFAULT-VALUE})")
    int seconds;

    /**
     * Long enough for the relay child's JIT to settle: under 40 calls on 2 cores its compiler threads
     * take ~4 s of CPU in the first 5 s of traffic (BENCHMARKS.md, "Cold start"); the warm-up's own
     * latency is still reported.
     */
    @Option(names = "--warmup", defaultValue = "10",
            description = "seconds of sending before the measurement; those frames count for delivery, and their "
                    + "latency is reported apart (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--video-bytes", defaultValue = "30000",
            description = "video frame payload bytes (default ${DEFAULT-VALUE})")
    int videoBytes;

    @Option(names = "--relay-writers", description = "the relay's --writers (default: the relay's own default)")
    Integer relayWriters;

    @Option(names = "--relay-jvm-opt", paramLabel = "OPT",
            description = "extra JVM option for the relay child, repeatable (e.g. --relay-jvm-opt=-Xmx1g)")
    List<String> relayJvmOpts = new ArrayList<>();

    @Option(names = "--relay-opt", paramLabel = "OPT",
            description = "experiment: extra 'relay serve' option, repeatable (e.g. --relay-opt=--media-ttl=1h)")
    List<String> relayServeOpts = new ArrayList<>();

    @Option(names = "--raw-seconds", defaultValue = "10",
            description = "seconds of raw database capacity measurement after each run; 0 disables it "
                    + "(default ${DEFAULT-VALUE})")
    int rawSeconds;

    @Option(names = "--json", description = "print only the BENCH_JSON lines")
    boolean json;

    @Option(names = "--db-setting", paramLabel = "NAME=VALUE",
            description = "experiment: change a reloadable PostgreSQL setting of the benchmark database before the "
                    + "runs (ALTER SYSTEM), repeatable, e.g. --db-setting wal_init_zero=off")
    Map<String, String> dbSettings = new LinkedHashMap<>();

    @Option(names = "--prewarm-wal-mb", defaultValue = "1024", paramLabel = "MB",
            description = "write this much WAL (and checkpoint) before the first run, so PostgreSQL recycles WAL "
                    + "segments as a long-running server does instead of creating and zero-filling new ones; "
                    + "0 measures a fresh cluster (default ${DEFAULT-VALUE})")
    int prewarmWalMb;

    @Option(names = "--wait-quiet", defaultValue = "0", paramLabel = "SECONDS",
            description = "before each run, wait up to SECONDS for the machine to be idle (shared machines); "
                    + "0 = do not wait (default)")
    int waitQuietSeconds;

    @Option(names = "--retry-if-other-cpu", defaultValue = "0", paramLabel = "PCT",
            description = "repeat a run (at most " + MAX_ATTEMPTS + " attempts) when processes outside the benchmark "
                    + "used more than PCT % of one core during it (shared machines); 0 = never (default)")
    double retryIfOtherCpu;

    @Option(names = "--trace-dir", paramLabel = "DIR",
            description = "write every latency sample of each run to DIR/trace-<calls>.csv (kind,sent_ms,latency_ms)")
    Path traceDir;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        String invalid = validate();
        if (invalid != null) {
            err.println("bench: " + invalid);
            return 2;
        }
        List<Integer> steps = sweep == null || sweep.isEmpty() ? List.of(calls) : List.copyOf(sweep);
        BenchReport report = new BenchReport(System.out, json);
        List<BenchResult> results = new ArrayList<>();
        BenchEnvironment env = null;
        try {
            err.println("bench: starting embedded PostgreSQL");
            env = BenchEnvironment.create();
            env.database().applySettings(dbSettings);
            if (!dbSettings.isEmpty()) {
                err.println("bench: database settings changed for this benchmark: " + dbSettings);
            }
            if (prewarmWalMb > 0) {
                err.printf("bench: writing %d MB of WAL so segments are recycled, as on a running server%n",
                        prewarmWalMb);
                env.database().prewarmWal(prewarmWalMb);
            }
            MachineInfo machine = MachineInfo.describe(env.database().serverVersion());
            BenchRun run = new BenchRun(env, machine, err);
            for (int n : steps) {
                BenchResult r = run.run(plan(n));
                for (int attempt = 2; attempt <= MAX_ATTEMPTS && disturbed(r); attempt++) {
                    err.printf(Locale.ROOT, "bench: %d call(s): other processes used %.0f %% of a core during the run; "
                            + "repeating it (attempt %d of %d)%n", n, r.otherCpuPct(), attempt, MAX_ATTEMPTS);
                    r = run.run(plan(n));
                }
                report.printRun(r);
                results.add(r);
            }
            if (steps.size() > 1) {
                report.printSweep(results);
            }
            return 0;
        } catch (BenchRun.RunException | IOException | SQLException | IllegalStateException e) {
            if (env == null || !env.closing()) {
                err.println("bench: " + e.getMessage());
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench: interrupted");
            return 130;
        } finally {
            if (env != null) {
                env.close();
            }
        }
    }

    private boolean disturbed(BenchResult r) {
        return retryIfOtherCpu > 0 && r.otherCpuPct() > retryIfOtherCpu;
    }

    private BenchRun.Plan plan(int calls) {
        return new BenchRun.Plan(calls, seconds, warmup, videoBytes,
                new RelayLaunch(relayWriters, relayJvmOpts, relayServeOpts), rawSeconds, traceDir,
                Duration.ofSeconds(waitQuietSeconds), Map.copyOf(dbSettings), prewarmWalMb);
    }

    private String validate() {
        List<Integer> steps = sweep == null || sweep.isEmpty() ? List.of(calls) : sweep;
        for (int n : steps) {
            if (n < 1 || n > 1000) {
                return "number of calls must be 1..1000: " + n;
            }
        }
        if (seconds < 1 || seconds > 3600) {
            return "--seconds must be 1..3600: " + seconds;
        }
        if (warmup < 0 || warmup > 600) {
            return "--warmup must be 0..600: " + warmup;
        }
        if (videoBytes < 10 || videoBytes > Limits.MAX_VIDEO_PAYLOAD) {
            return "--video-bytes must be 10.." + Limits.MAX_VIDEO_PAYLOAD
                    + " (the send time sits in bytes 2..10): " + videoBytes;
        }
        if (relayWriters != null && (relayWriters < 1 || relayWriters > 64)) {
            return "--relay-writers must be 1..64: " + relayWriters;
        }
        if (rawSeconds < 0 || rawSeconds > 600) {
            return "--raw-seconds must be 0..600: " + rawSeconds;
        }
        if (prewarmWalMb < 0 || prewarmWalMb > 65536) {
            return "--prewarm-wal-mb must be 0..65536: " + prewarmWalMb;
        }
        if (waitQuietSeconds < 0 || waitQuietSeconds > 3600) {
            return "--wait-quiet must be 0..3600: " + waitQuietSeconds;
        }
        if (retryIfOtherCpu < 0) {
            return "--retry-if-other-cpu must not be negative: " + retryIfOtherCpu;
        }
        if (traceDir != null && !Files.isDirectory(traceDir)) {
            return "--trace-dir is not a directory: " + traceDir;
        }
        return null;
    }
}
