package com.waltalk.relay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on, for the report.
 *
 * @param cores       processors available to the JVM
 * @param memGb       total memory in GiB ({@code MemTotal}), or -1 if unknown
 * @param cpuModel    CPU model name from {@code /proc/cpuinfo}, or "unknown"
 * @param javaVersion {@code java.version} of the benchmark JVM (the relay child uses the same JVM)
 * @param pgVersion   {@code server_version} of the database
 */
public record MachineInfo(int cores, double memGb, String cpuModel, String javaVersion, String pgVersion) {

    /** Describes this machine; {@code pgVersion} comes from the database. */
    public static MachineInfo describe(String pgVersion) {
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), readMemGb(), readCpuModel(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")", pgVersion);
    }

    private static double readMemGb() {
        String v = procField("/proc/meminfo", "MemTotal:");
        if (v == null) {
            return -1;
        }
        try {
            long kib = Long.parseLong(v.split("\\s+")[0]);
            return Math.round(kib / 1024.0 / 1024.0 * 10) / 10.0;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readCpuModel() {
        String v = procField("/proc/cpuinfo", "model name");
        return v == null ? "unknown" : v.replaceFirst("^\\s*:\\s*", "");
    }

    private static String procField(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    return line.substring(key.length()).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }
}
