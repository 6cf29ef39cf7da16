package com.waltalk.relay.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads CPU time and memory of processes from Linux {@code /proc}. On other systems (no
 * {@code /proc}) every reading is {@code -1}, and the benchmark reports the figures as unknown.
 * Stateless apart from the cached clock tick rate; thread-safe.
 */
public final class ProcessStats {

    private static final long CLOCK_TICKS = readClockTicks();

    private ProcessStats() {
    }

    /** Clock ticks per second of the {@code utime}/{@code stime} fields ({@code getconf CLK_TCK}, usually 100). */
    public static long clockTicksPerSecond() {
        return CLOCK_TICKS;
    }

    /** CPU time (user + system) the process itself has used, in clock ticks, or -1 if unknown. */
    public static long cpuTicks(long pid) {
        long[] f = statFields(pid);
        return f == null ? -1 : f[0] + f[1];
    }

    /**
     * CPU time of the process plus that of its children it has already reaped ({@code cutime},
     * {@code cstime}), in clock ticks, or -1 if unknown. Summed over a live process tree this never
     * loses the time of a process that exits: its time moves into its parent's reaped-children share.
     */
    public static long cpuTicksWithReapedChildren(long pid) {
        long[] f = statFields(pid);
        return f == null ? -1 : f[0] + f[1] + f[2] + f[3];
    }

    /**
     * CPU ticks of a set of process trees: every process in {@code roots} and their descendants,
     * plus the descendants of this JVM, except {@code excluded} and its descendants, each counted
     * once with its reaped children's time.
     *
     * <p>Both sources are needed for an embedded PostgreSQL: the library starts it with
     * {@code pg_ctl}, so the postmaster is re-parented to init and is <em>not</em> a descendant of
     * this JVM; its pid comes from {@code postmaster.pid} instead.
     */
    public static long treeCpuTicksExcluding(Collection<Long> roots, long excluded) {
        Set<Long> skip = ProcessHandle.of(excluded).stream()
                .flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        Set<Long> pids = new HashSet<>();
        ProcessHandle.current().descendants().map(ProcessHandle::pid).forEach(pids::add);
        for (long root : roots) {
            ProcessHandle.of(root).ifPresent(h -> {
                pids.add(h.pid());
                h.descendants().map(ProcessHandle::pid).forEach(pids::add);
            });
        }
        pids.removeAll(skip);
        long total = 0;
        for (long pid : pids) {
            long t = cpuTicksWithReapedChildren(pid);
            if (t > 0) {
                total += t; // a process that exited since the listing simply contributes nothing
            }
        }
        return total;
    }

    /**
     * CPU time used by every process on the machine, each with its reaped children's time, in
     * clock ticks, or -1 if unknown. Compared with the benchmark's own processes it shows how much
     * other load shared the machine. (The {@code cpu} line of {@code /proc/stat} would be simpler, but
     * it is sampled at timer ticks and under-counts the short, frequent wake-ups this workload
     * consists of; per-process times are accounted precisely.)
     */
    public static long allProcessesCpuTicks() {
        long total = 0;
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                long t;
                try {
                    t = cpuTicksWithReapedChildren(Long.parseLong(p.getFileName().toString()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (t > 0) {
                    total += t;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return total;
    }

    /**
     * Busy time of the whole machine from the {@code cpu} line of {@code /proc/stat} (user, nice,
     * system, irq, softirq, steal), in clock ticks, or -1 if unknown. Sampled at timer ticks, so it
     * under-counts bursty load, but it also sees processes outside this PID namespace.
     */
    public static long machineBusyTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
            String[] f = lines.get(0).trim().split("\\s+");
            if (!"cpu".equals(f[0]) || f.length < 9) {
                return -1;
            }
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size ({@code VmHWM}) in KiB, or -1 if unknown. */
    public static long peakRssKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    /**
     * CPU use between two readings as a percentage of one core.
     *
     * @return -1 if either reading is unknown or the interval is empty
     */
    public static double cpuPercent(long ticksBefore, long ticksAfter, long elapsedNanos) {
        if (ticksBefore < 0 || ticksAfter < 0 || elapsedNanos <= 0) {
            return -1;
        }
        double cpuSeconds = (ticksAfter - ticksBefore) / (double) CLOCK_TICKS;
        return 100.0 * cpuSeconds / (elapsedNanos / 1e9);
    }

    /** utime, stime, cutime, cstime of {@code /proc/<pid>/stat}, or null if unreadable. */
    private static long[] statFields(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        // the command name (field 2) is in parentheses and may itself contain spaces and ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] rest = stat.substring(close + 2).trim().split(" ");
        // rest[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17
        if (rest.length < 15) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(rest[11]), Long.parseLong(rest[12]), Long.parseLong(rest[13]),
                    Long.parseLong(rest[14])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long statusKib(long pid, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static long readClockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                long ticks = Long.parseLong(out);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
