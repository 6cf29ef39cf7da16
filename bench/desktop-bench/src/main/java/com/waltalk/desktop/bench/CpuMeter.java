package com.waltalk.desktop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time used between {@link #start} and {@link #stop}: this JVM as a whole, its threads by name, and
 * a group of other processes (the embedded PostgreSQL server: {@code pg_ctl} detaches it, so it is found
 * by its command line, with its children). A thread or process that ends in between loses its share of
 * the per-thread or other-process figures (not of the JVM figure).
 *
 * <p>Not thread-safe: one measuring thread.
 */
final class CpuMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long wallStart;
    private long processStart;
    private long otherStart;
    private final Predicate<ProcessHandle> otherRoots;
    private Map<Long, Long> threadStart = Map.of();

    /** @param otherRoots the processes whose CPU (with their descendants') is measured as "other processes" */
    CpuMeter(Predicate<ProcessHandle> otherRoots) {
        this.otherRoots = otherRoots;
    }

    /** The postmaster whose command line names {@code dataDir}. */
    static Predicate<ProcessHandle> postgresIn(java.nio.file.Path dataDir) {
        String dir = dataDir.toString();
        return p -> p.info().commandLine().map(c -> c.contains(dir) && c.contains("postgres")).orElse(false);
    }

    /** The result of one measurement; CPU times in nanoseconds. */
    record Usage(long wallNanos, long processNanos, long otherProcessesNanos, Map<String, Long> threadNanos) {

        double processShare() {
            return processNanos / (double) wallNanos;
        }

        double otherShare() {
            return otherProcessesNanos / (double) wallNanos;
        }

        /** Summed share of one core of the threads whose names match. */
        double threadShare(Predicate<String> names) {
            long sum = 0;
            for (Map.Entry<String, Long> e : threadNanos.entrySet()) {
                if (names.test(e.getKey())) {
                    sum += e.getValue();
                }
            }
            return sum / (double) wallNanos;
        }
    }

    void start() {
        threadStart = threadTimes();
        otherStart = otherProcessesCpu();
        processStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    Usage stop() {
        long wall = System.nanoTime() - wallStart;
        long process = os.getProcessCpuTime() - processStart;
        long children = otherProcessesCpu() - otherStart;
        Map<String, Long> byName = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = threads.getThreadCpuTime(info.getThreadId());
            Long before = threadStart.get(info.getThreadId());
            if (now >= 0) {
                byName.merge(info.getThreadName(), now - (before == null ? 0 : before), Long::sum);
            }
        }
        return new Usage(wall, process, children, byName);
    }

    private Map<Long, Long> threadTimes() {
        Map<Long, Long> m = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                m.put(id, t);
            }
        }
        return m;
    }

    private long otherProcessesCpu() {
        return ProcessHandle.allProcesses().filter(otherRoots)
                .flatMap(root -> java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants()))
                .distinct()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }
}
