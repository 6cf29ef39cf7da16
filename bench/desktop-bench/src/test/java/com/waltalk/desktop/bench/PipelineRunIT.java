package com.waltalk.desktop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's measurement plumbing, not its figures: a short run of the whole pipeline through an
 * in-process relay yields samples at every stage of both streams, with latencies that are non-negative
 * and ordered along the pipeline, and a report that prints them. Needs the failsafe settings of
 * bench/desktop-bench/pom.xml: headless JavaFX (Monocle) for the window, the app's test ALSA device for the
 * speaker line.
 */
class PipelineRunIT {

    @Test
    void aShortRunMeasuresEveryStageOfBothStreams() throws Exception {
        PipelineReport report = new PipelineRun(new PipelineRun.Settings(2, 1, PipelineRun.AudioSource.SYNTHETIC, null)).run();

        assertThat(report.audioSetup()).startsWith("synthetic 16 kHz packet source").contains("speaker");
        assertThat(report.notes()).isEmpty();
        assertThat(report.videoCounts().captured()).isGreaterThan(15); // 2 s at 15 fps, give or take the edges
        assertThat(report.audioCounts().captured()).isGreaterThan(50);
        assertThat(report.videoShown().count()).isPositive();
        assertThat(report.audioWritten().count()).isPositive();
        assertStagesPlausible(report.video());
        assertStagesPlausible(report.audio());
        // A real-time source hands a packet over when its 20 ms are complete.
        assertThat(report.audio().get(0).minMillis()).isGreaterThanOrEqualTo(19.0);
        assertThat(report.cpu().processShare()).isPositive();
        assertThat(report.cpu().threadShare(PipelineReport.MEDIA_THREADS)).isPositive();
        assertThat(report.cpu().otherShare()).as("embedded PostgreSQL found and measured").isPositive();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("video -> shown", "audio -> written to the line",
                "target video capture -> shown", "target audio capture -> written", "% of one core");
    }

    /** Every stage has samples, none negative, and each stage's median is no earlier than the previous one's. */
    private static void assertStagesPlausible(List<LatencySummary> stages) {
        double previousMedian = 0;
        for (LatencySummary s : stages) {
            assertThat(s.count()).as(s.stage()).isPositive();
            assertThat(s.minMillis()).as(s.stage()).isGreaterThanOrEqualTo(0);
            assertThat(s.p50Millis()).as(s.stage()).isGreaterThanOrEqualTo(previousMedian)
                    .isLessThanOrEqualTo(s.p95Millis());
            assertThat(s.p95Millis()).isLessThanOrEqualTo(s.p99Millis());
            assertThat(s.p99Millis()).isLessThanOrEqualTo(s.maxMillis());
            previousMedian = s.p50Millis();
        }
    }
}
