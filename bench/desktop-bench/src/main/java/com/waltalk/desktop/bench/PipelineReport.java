package com.waltalk.desktop.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What one {@link PipelineRun} measured over its measured window (frames captured in it).
 *
 * @param settings         how it was run
 * @param display          JavaFX platform/renderer used
 * @param audioSetup       which audio source and speaker were used
 * @param video            capture → encoded, delivered, decoded, shown
 * @param audio            capture → delivered, written to the line (empty stages if no speaker)
 * @param videoTimeline    capture → shown per 5-second slice of the window
 * @param audioTimeline    capture → written per 5-second slice (a re-anchor after an underrun shows as a step)
 * @param videoCounts      frame counts and codec cost
 * @param audioCounts      playback counts, or null when no speaker line opened
 * @param cpu              CPU used in the measured window
 * @param cores            processors available to this JVM
 * @param worstClockOffsetErrorMillis how far the capture timestamps the receiver got (converted through both
 *                         clients' relay-clock offsets) were from the true ones, worst case
 * @param notes            fallbacks and warnings
 */
public record PipelineReport(PipelineRun.Settings settings, String display, String audioSetup,
                             List<LatencySummary> video, List<LatencySummary> audio,
                             List<LatencySummary> videoTimeline, List<LatencySummary> audioTimeline, VideoCounts videoCounts,
                             AudioCounts audioCounts, CpuMeter.Usage cpu, int cores,
                             double worstClockOffsetErrorMillis, List<String> notes) {

    /** Video targets of issue 4: capture → remote ImageView, p95. */
    public static final double VIDEO_TARGET_P95_MILLIS = 60;
    /** Audio target: capture → remote audio written to the line, p95. */
    public static final double AUDIO_TARGET_P95_MILLIS = 100;

    /** Threads of the media pipeline itself (capture, codec, display, audio devices). */
    static final Predicate<String> MEDIA_THREADS = Pattern.compile(
            "video-capture|camera-native|video-decode-.*|speaker|microphone|synthetic-microphone"
                    + "|JavaFX Application Thread|QuantumRenderer-.*|Monocle Timer").asMatchPredicate();

    /** Threads of the two clients' relay connections (Tyrus on Grizzly, the send queues, the session). */
    static final Predicate<String> CLIENT_NETWORK_THREADS = Pattern.compile(
            "relay-send-.*|relay-connect|waltalk-session|Grizzly.*|tyrus-.*").asMatchPredicate();

    /**
     * @param captured        frames captured (and encoded, sent) in the window
     * @param skippedSlots    15 fps slots the sender skipped because capture + encode ran late
     * @param staleDropped    frames the receiver dropped for a newer one (before decode or display)
     * @param corrupt         frames that failed to decode
     * @param notShown        captured frames that never reached the view (any reason)
     * @param encodeMeanMillis mean JPEG encode time per frame in the pipeline
     * @param decodeMeanMillis mean JPEG decode time per frame in the pipeline
     */
    public record VideoCounts(int captured, long skippedSlots, long staleDropped, long corrupt, long notShown,
                              double encodeMeanMillis, double decodeMeanMillis) {
    }

    /** Jitter-scheduler counters over the window (see {@code PlaybackStats}). */
    public record AudioCounts(int captured, long played, long concealed, long late, long droppedExcess,
                              long underruns, long reanchors, long shrinkDrops) {
    }

    public LatencySummary videoShown() {
        return video.get(PipelineRun.V_SHOWN - 1);
    }

    public LatencySummary audioWritten() {
        return audio.get(PipelineRun.A_WRITTEN - 1);
    }

    /** The audio source handed packets over before their capture time: a faster-than-real-time test device. */
    public boolean audioAheadOfRealTime() {
        LatencySummary handedOver = audio.get(PipelineRun.A_HANDED_OVER - 1);
        return handedOver.count() > 0 && handedOver.minMillis() < 0;
    }

    void print(PrintStream out) {
        out.printf("desktop bench: whole media pipeline, %d s measured after %d s warm-up, relay %s%n",
                settings.seconds(), settings.warmupSeconds(),
                settings.relayUri() == null ? "in-process (embedded PostgreSQL, loopback)" : settings.relayUri());
        out.printf("video: synthetic camera -> VideoSender 640x360 JPEG q0.65 15 fps -> relay -> VideoReceiver -> "
                + "VideoRenderer -> ImageView (%s); \"shown\" = pixels handed to the ImageView on the FX pulse%n", display);
        out.printf("audio: %s; \"written\" = SourceDataLine.write returned with the packet's first sample%n", audioSetup);
        for (String note : notes) {
            out.println("note: " + note);
        }
        out.println();
        out.printf("%-44s %6s %8s %8s %8s %8s%n", "latency from capture (ms)", "n", "p50", "p95", "p99", "max");
        for (LatencySummary s : video) {
            line(out, "video -> " + s.stage(), s);
        }
        for (LatencySummary s : audio) {
            line(out, "audio -> " + s.stage(), s);
        }
        out.println();
        out.printf("%-44s %s%n", "by 5 s slice, p50/max (ms)", "video -> shown | audio -> written");
        for (int i = 0; i < videoTimeline.size(); i++) {
            LatencySummary vs = videoTimeline.get(i);
            LatencySummary as = audioTimeline.get(i);
            out.printf("  %-42s %6.1f /%6.1f | %6.1f /%6.1f%n", vs.stage(), vs.p50Millis(), vs.maxMillis(),
                    as.p50Millis(), as.maxMillis());
        }
        out.println();
        LatencySummary v = videoShown();
        LatencySummary a = audioWritten();
        out.printf("target video capture -> shown   p95 <= %.0f ms: %s%n", VIDEO_TARGET_P95_MILLIS, verdict(v, VIDEO_TARGET_P95_MILLIS));
        out.printf("target audio capture -> written p95 <= %.0f ms: %s%s%n", AUDIO_TARGET_P95_MILLIS,
                verdict(a, AUDIO_TARGET_P95_MILLIS), audioAheadOfRealTime() ? " (understated: see the note above)" : "");
        out.println();
        VideoCounts vc = videoCounts;
        out.printf("video: %d frames captured (%.1f fps), encode %.2f ms, decode %.2f ms (means in the pipeline); "
                        + "skipped slots %d, dropped stale %d, corrupt %d, never shown %d%n",
                vc.captured(), vc.captured() / (double) settings.seconds(), vc.encodeMeanMillis(), vc.decodeMeanMillis(),
                vc.skippedSlots(), vc.staleDropped(), vc.corrupt(), vc.notShown());
        if (audioCounts != null) {
            AudioCounts ac = audioCounts;
            out.printf("audio: %d packets captured, %d played, concealed %d, late %d, dropped by re-anchor %d, "
                    + "underruns %d, re-anchors %d, dropped to shrink the delay %d%n", ac.captured(), ac.played(),
                    ac.concealed(), ac.late(), ac.droppedExcess(), ac.underruns(), ac.reanchors(), ac.shrinkDrops());
        }
        out.printf("clock-offset estimate error (not in the latencies above): %.1f ms worst%n", worstClockOffsetErrorMillis);
        out.println();
        double process = cpu.processShare();
        double media = cpu.threadShare(MEDIA_THREADS);
        double clientNet = cpu.threadShare(CLIENT_NETWORK_THREADS);
        out.printf("CPU over %.1f s wall, %d cores:%n", cpu.wallNanos() / 1e9, cores);
        out.printf("  this JVM (both clients + in-process relay): %.1f %% of one core = %.1f %% of the machine%n",
                100 * process, 100 * process / cores);
        out.printf("  send+receive pipeline of both clients (media + client network threads): %.1f %% of one core = %.1f %% of the machine%n",
                100 * (media + clientNet), 100 * (media + clientNet) / cores);
        out.printf("    media threads (capture, crop, encode, decode, FX pulse + render, audio devices): %.1f %% of one core%n",
                100 * media);
        out.printf("    client network threads (Tyrus/Grizzly, send queues): %.1f %% of one core%n", 100 * clientNet);
        out.printf("    rest of the JVM (relay threads; GC/JIT are only in the JVM figure): %.1f %% of one core%n",
                100 * (cpu.threadShare(n -> true) - media - clientNet));
        if (settings.relayUri() == null) {
            out.printf("  embedded PostgreSQL (its own processes, not in the JVM figure): %.1f %% of one core%n",
                    100 * cpu.otherShare());
        }
        out.println("  busiest threads (% of one core):");
        cpu.threadNanos().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(14)
                .forEach(e -> out.printf("    %-40s %5.1f %%%s%n", e.getKey(), 100.0 * e.getValue() / cpu.wallNanos(),
                        MEDIA_THREADS.test(e.getKey()) ? "  (media)"
                                : CLIENT_NETWORK_THREADS.test(e.getKey()) ? "  (client network)" : ""));
    }

    private static void line(PrintStream out, String what, LatencySummary s) {
        if (s.count() == 0) {
            out.printf("%-44s %6d   (none)%n", what, 0);
            return;
        }
        out.printf("%-44s %6d %8.1f %8.1f %8.1f %8.1f%n", what, s.count(), s.p50Millis(), s.p95Millis(), s.p99Millis(),
                s.maxMillis());
    }

    private static String verdict(LatencySummary s, double target) {
        if (s.count() == 0) {
            return "not measured";
        }
        return String.format("%.1f ms -> %s", s.p95Millis(), s.p95Millis() <= target ? "met" : "MISSED");
    }
}
