package com.waltalk.desktop.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code desktop-bench}: capture → shown / written-to-the-line latency of the whole desktop media pipeline
 * between two clients in a call through a local relay, plus the pipeline's CPU. See {@link PipelineRun} for
 * what is measured and docs/BENCHMARKS.md for how to run it.
 *
 * <p>Thread-safety: a command-line program; not meant to be shared.
 */
@Command(name = "desktop-bench", mixinStandardHelpOptions = true,
        description = "Capture -> shown / written-to-line latency and CPU of the desktop media pipeline through a local relay.")
public final class LatencyBench implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "30", description = "Measured duration (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured warm-up seconds (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--audio", defaultValue = "AUTO",
            description = "Audio source: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: the microphone line if one opens).")
    PipelineRun.AudioSource audio;

    @Option(names = "--relay", description = "Use this relay (ws:// or wss://) instead of starting one in this process.")
    String relayUri;

    public static void main(String[] args) {
        int code = new CommandLine(new LatencyBench()).execute(args);
        System.exit(code); // JavaFX and the relay leave non-daemon threads
    }

    @Override
    public Integer call() throws Exception {
        PipelineReport report = new PipelineRun(new PipelineRun.Settings(seconds, warmup, audio, relayUri)).run();
        report.print(System.out);
        return 0;
    }
}
