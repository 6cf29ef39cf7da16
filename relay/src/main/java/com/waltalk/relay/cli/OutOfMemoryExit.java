package com.waltalk.relay.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure a relay that runs out of memory ends, so that systemd (or whatever runs it) restarts it.
 *
 * <p>Why: after an {@link OutOfMemoryError} the relay's threads die or catch it one by one — Java-WebSocket's
 * stops its listener — and the process stays alive and wedged: {@code Restart=on-failure} never fires. The JVM
 * flag {@code -XX:+ExitOnOutOfMemoryError} ends the process at the first one, wherever it happens; the app-image
 * and {@code ./waltalk relay} pass it. It cannot be turned on at run time (HotSpot reports it not writeable
 * through {@link HotSpotDiagnosticMXBean}), and catching the error ourselves would miss every thread that
 * swallows it (executors' futures, the library's workers). So {@code relay serve} started without it — e.g.
 * {@code java -jar relay.jar serve} — starts itself again in a child JVM with the flag and the same options,
 * waits for it and exits with its status; the child ends itself when this process goes away.
 *
 * <p>Thread-safety: called once from {@code main}.
 */
final class OutOfMemoryExit {

    /** Set on the child: the parent's pid, whose end the child follows. */
    static final String PARENT_PROPERTY = "waltalk.relay.parent";
    static final String FLAG = "-XX:+ExitOnOutOfMemoryError";

    private OutOfMemoryExit() {
    }

    /** Whether this JVM ends at the first OutOfMemoryError (Exit- or CrashOnOutOfMemoryError). */
    static boolean inForce() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotspot != null && (on(hotspot, "ExitOnOutOfMemoryError") || on(hotspot, "CrashOnOutOfMemoryError"));
    }

    private static boolean on(HotSpotDiagnosticMXBean hotspot, String option) {
        try {
            VMOption o = hotspot.getVMOption(option);
            return "true".equals(o.getValue());
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * Runs {@code args} in a child JVM with {@link #FLAG}; returns its exit status, or -1 (after saying why on
     * stderr) when no child could be started, in which case the caller runs in this JVM as before.
     */
    static int relaunch(String[] args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            System.err.println("relay: warning: cannot start " + java + " with " + FLAG
                    + "; an out-of-memory error will not end this process");
            return -1;
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.contains("OnOutOfMemoryError")) {
                command.add(option);
            }
        }
        command.add(FLAG);
        command.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RelayMain.class.getName());
        command.addAll(List.of(args));
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            System.err.println("relay: warning: cannot start a JVM with " + FLAG + " (" + e.getMessage()
                    + "); an out-of-memory error will not end this process");
            return -1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "relay-child-stop"));
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the shutdown hook stops the child
            }
        }
    }

    /** SIGTERM (the child's own clean stop), then SIGKILL if it takes longer than systemd would wait. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(55, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }

    /** In the child: exit (cleanly, through the shutdown hooks) when the parent is gone, even by SIGKILL. */
    static void followParent() {
        String pid = System.getProperty(PARENT_PROPERTY);
        if (pid == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> System.exit(1)), () -> System.exit(1));
        } catch (NumberFormatException e) {
            System.err.println("relay: ignoring " + PARENT_PROPERTY + "=" + pid);
        }
    }
}
