package com.waltalk.relay.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, before a run, until the machine is (nearly) idle, so a benchmark on a shared machine does
 * not measure somebody else's build. Uses the machine-wide busy time of {@code /proc/stat}, which
 * also sees processes outside this PID namespace. Stateless; thread-safe.
 */
public final class QuietMachine {

    /** Busy below this, in % of one core summed over all cores, counts as quiet. */
    static final double QUIET_PCT = 15.0;
    static final Duration SAMPLE = Duration.ofSeconds(2);

    private QuietMachine() {
    }

    /**
     * Blocks until one {@link #SAMPLE} of machine busy time is below {@link #QUIET_PCT}, at most
     * {@code timeout}.
     *
     * @return the last busy figure measured (% of one core), or -1 if {@code /proc/stat} is unreadable
     */
    public static double await(Duration timeout, PrintStream progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double busy;
        boolean told = false;
        do {
            busy = busyPercent();
            if (busy < 0 || busy < QUIET_PCT) {
                return busy;
            }
            if (!told) {
                progress.printf(Locale.ROOT, "bench: machine busy (%.0f %% of one core) — waiting up to %d s for it to "
                        + "quiet down%n", busy, timeout.toSeconds());
                told = true;
            }
        } while (System.nanoTime() < deadline);
        progress.printf(Locale.ROOT, "bench: machine still busy (%.0f %% of one core); measuring anyway%n", busy);
        return busy;
    }

    /** Machine busy over one {@link #SAMPLE}, % of one core. */
    static double busyPercent() throws InterruptedException {
        long before = ProcessStats.machineBusyTicks();
        long t0 = System.nanoTime();
        Thread.sleep(SAMPLE.toMillis());
        long after = ProcessStats.machineBusyTicks();
        return ProcessStats.cpuPercent(before, after, System.nanoTime() - t0);
    }
}
