package com.waltalk.desktop.bench;

import com.waltalk.testing.TestContacts;
import com.github.sarxos.webcam.Webcam;
import com.waltalk.desktop.audio.AudioDeviceException;
import com.waltalk.desktop.audio.CaptureListener;
import com.waltalk.desktop.audio.MicrophoneCapture;
import com.waltalk.desktop.capture.CameraDirectory;
import com.waltalk.desktop.capture.CameraDriver;
import com.waltalk.desktop.capture.SyntheticCameraDriver;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.desktop.playback.PlaybackStats;
import com.waltalk.desktop.playback.SpeakerPlayback;
import com.waltalk.desktop.session.CallPhase;
import com.waltalk.desktop.session.ContactHandshake;
import com.waltalk.desktop.session.SessionEvent;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.video.FrameDisplay;
import com.waltalk.desktop.video.ScreenFrame;
import com.waltalk.desktop.video.VideoReceiver;
import com.waltalk.desktop.video.VideoRenderer;
import com.waltalk.desktop.video.VideoSender;
import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * One run of the whole desktop media pipeline between two real {@link SessionModel}s in an accepted call
 * through a relay (by default started in-process on loopback, with its embedded PostgreSQL):
 *
 * <ul>
 * <li>video: synthetic camera (Webcam Capture driver) → {@link VideoSender} (cover-crop, JPEG q0.65,
 *     15 fps) → relay → {@link VideoReceiver} (decode) → {@link VideoRenderer} → an {@link ImageView} in a
 *     JavaFX window. "Shown" is the renderer's hand-off: the frame's pixels written into the view's image
 *     on the FX pulse; the paint of that pulse is not included.</li>
 * <li>audio: a {@link MicrophoneCapture} (a real javax.sound line) or, when none opens or when asked, a
 *     synthetic 16 kHz packet source → relay → {@link SpeakerPlayback} (jitter scheduler, real
 *     SourceDataLine). "Written" is the return of the {@code SourceDataLine.write} that held the
 *     packet's first sample.</li>
 * </ul>
 *
 * Latency is measured from each frame's capture timestamp as the sender stamped it (wall clock), mapped to
 * this process's {@code nanoTime} — sender and receiver share one clock, so no clock-offset estimate enters.
 *
 * <p>Not thread-safe: one run per instance, from one thread.
 */
public final class PipelineRun {

    /** Where the sender's audio comes from. */
    public enum AudioSource {
        /** The default microphone if one opens, else synthetic. */
        AUTO,
        /** The default microphone; fail if none opens. */
        MICROPHONE,
        /** Packets made on a drift-free 20 ms schedule (silence), no audio device on the sending side. */
        SYNTHETIC
    }

    /**
     * @param seconds       measured duration
     * @param warmupSeconds unmeasured seconds first (JIT, relay warm-up, jitter-scheduler anchoring)
     * @param audioSource   see {@link AudioSource}
     * @param relayUri      an existing relay (ws:// or wss://), or null to start one in this process
     */
    public record Settings(int seconds, int warmupSeconds, AudioSource audioSource, String relayUri) {
        public Settings {
            if (seconds < 1 || warmupSeconds < 0) {
                throw new IllegalArgumentException("seconds must be >= 1 and warm-up >= 0");
            }
        }
    }

    static final int V_CAPTURE = 0;
    static final int V_ENCODED = 1;
    static final int V_DELIVERED = 2;
    static final int V_DECODED = 3;
    static final int V_SHOWN = 4;
    static final int A_CAPTURE = 0;
    static final int A_HANDED_OVER = 1;
    static final int A_DELIVERED = 2;
    static final int A_WRITTEN = 3;

    private final Settings settings;
    private final WallToNanos clock = new WallToNanos();
    private final List<String> notes = new ArrayList<>();
    private final AtomicLong worstOffsetErrorNanos = new AtomicLong();

    public PipelineRun(Settings settings) {
        this.settings = settings;
    }

    /** Runs the pipeline for warm-up + measured seconds and returns what was measured. */
    public PipelineReport run() throws Exception {
        String display = FxStartup.start();
        int videoCapacity = (settings.warmupSeconds() + settings.seconds() + 10) * VideoSender.STREAM_FPS;
        int audioCapacity = (settings.warmupSeconds() + settings.seconds() + 10) * 50;
        StageTimes video = new StageTimes(videoCapacity, "capture", "encoded (crop + JPEG)", "delivered",
                "decoded", "shown");
        StageTimes audio = new StageTimes(audioCapacity, "capture", "handed to the sender", "delivered",
                "written to the line");

        Path dir = Files.createTempDirectory("waltalk-desktop-bench");
        Relay relay = settings.relayUri() == null
                ? TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("pg"), "desktop_bench"))) : null;
        RelayEndpoint endpoint = RelayEndpoint.of(relay == null ? settings.relayUri() : relay.webSocketUri());
        Stage[] stage = new Stage[1];
        VideoSender sender = null;
        VideoReceiver receiver = null;
        VideoRenderer renderer = null;
        SpeakerPlayback speaker = null;
        AutoCloseable microphone = null;
        String audioSetup;
        CpuMeter.Usage cpu;
        long from;
        long to;
        PlaybackStats playbackBefore = null;
        PlaybackStats playbackAfter = null;
        double[] codecMs;
        long skipped0;
        long skipped1;
        var videoIn = new com.waltalk.desktop.video.IncomingVideoStats[2];
        try (SessionModel a = SessionModel.create(); SessionModel b = SessionModel.create()) {
            connectCall(a, b, endpoint);

            // receiving side: window, renderer, decoder, speaker
            ImageView view = new ImageView();
            CompletableFuture.runAsync(() -> {
                stage[0] = new Stage();
                stage[0].setTitle("WalTalk desktop bench: remote video");
                stage[0].setScene(new Scene(new StackPane(view), 640, 360));
                stage[0].show();
            }, Platform::runLater).get(10, TimeUnit.SECONDS);
            renderer = new VideoRenderer(view);
            renderer.addFrameShownListener((seq, nanos) -> video.record(V_SHOWN, seq, nanos));
            renderer.start();
            VideoRenderer screen = renderer;
            receiver = new VideoReceiver(new FrameDisplay() {
                @Override
                public void present(ScreenFrame frame) {
                    video.record(V_DECODED, frame.seq(), System.nanoTime());
                    screen.present(frame);
                }

                @Override
                public long framesShown() {
                    return screen.framesShown();
                }

                @Override
                public long framesDropped() {
                    return screen.framesDropped();
                }
            }, "bench-peer");
            VideoReceiver decoder = receiver;
            b.media().onVideo(f -> {
                long now = System.nanoTime();
                video.record(V_DELIVERED, f.seq(), now);
                noteOffsetError(video, f.seq(), f.captureMicros());
                decoder.offer(f);
            });
            try {
                speaker = SpeakerPlayback.start(null);
            } catch (AudioDeviceException e) {
                notes.add("no speaker line, audio latency not measured: " + e.getMessage() + alsaHint());
            }
            if (speaker != null) {
                SpeakerPlayback out = speaker;
                speaker.addPacketWrittenListener((seq, micros, nanos) -> audio.record(A_WRITTEN, seq, nanos));
                b.media().onAudio(p -> {
                    audio.record(A_DELIVERED, p.seq(), System.nanoTime());
                    out.offer(p);
                });
            }

            // sending side: synthetic camera, microphone or synthetic audio
            CameraDirectory cameras = CameraDirectory.install(new CameraDriver(null, Optional.empty(),
                    new SyntheticCameraDriver("bench"), CameraDriver.Timeouts.DEFAULT));
            sender = new VideoSender(cameras.open(SyntheticCameraDriver.nameFor("bench")));
            sender.setSink(f -> {
                video.record(V_CAPTURE, f.seq(), clock.toNanos(f.captureMicros()));
                video.record(V_ENCODED, f.seq(), System.nanoTime());
                a.media().sendVideo(f);
            });
            CaptureListener toPeer = new CaptureListener() {
                @Override
                public void onPacket(AudioPacket p) {
                    audio.record(A_CAPTURE, p.seq(), clock.toNanos(p.captureMicros()));
                    audio.record(A_HANDED_OVER, p.seq(), System.nanoTime());
                    a.media().sendAudio(p);
                }
            };
            sender.start();
            if (settings.audioSource() != AudioSource.SYNTHETIC) {
                try {
                    MicrophoneCapture mic = MicrophoneCapture.start(null, toPeer);
                    microphone = mic;
                    audioSetup = "microphone \"" + mic.deviceName() + "\" at " + mic.format()
                            + " via javax.sound, resampled to 16 kHz" + alsaNote();
                } catch (AudioDeviceException e) {
                    if (settings.audioSource() == AudioSource.MICROPHONE) {
                        throw e;
                    }
                    notes.add("no microphone line (" + e.getMessage() + "), using the synthetic source" + alsaHint());
                    microphone = SyntheticMicrophone.start(toPeer);
                    audioSetup = "synthetic 16 kHz packet source (20 ms silence packets on a drift-free schedule)";
                }
            } else {
                microphone = SyntheticMicrophone.start(toPeer);
                audioSetup = "synthetic 16 kHz packet source (20 ms silence packets on a drift-free schedule)";
            }
            if (speaker != null) {
                audioSetup += "; speaker \"" + speaker.deviceName() + "\" via javax.sound" + alsaNote();
            }

            Thread.sleep(settings.warmupSeconds() * 1_000L);
            CpuMeter meter = new CpuMeter(relay == null ? p -> false : CpuMeter.postgresIn(dir.resolve("pg")));
            skipped0 = sender.stats().skippedSlots();
            videoIn[0] = receiver.stats();
            playbackBefore = speaker == null ? null : speaker.stats();
            from = System.nanoTime();
            meter.start();
            codecMs = sampleCodecCost(sender, receiver, settings.seconds());
            cpu = meter.stop();
            to = System.nanoTime();
            skipped1 = sender.stats().skippedSlots();
            videoIn[1] = receiver.stats();
            playbackAfter = speaker == null ? null : speaker.stats();

            // stop the sources, let the frames in flight land
            sender.close();
            microphone.close();
            Thread.sleep(600);
        } finally {
            closeQuietly(sender);
            closeQuietly(microphone);
            closeQuietly(receiver);
            closeQuietly(speaker);
            if (renderer != null) {
                renderer.stop();
            }
            if (stage[0] != null) {
                Platform.runLater(stage[0]::close);
            }
            Webcam.resetDriver();
            if (relay != null) {
                relay.close();
            }
            deleteTree(dir);
        }

        List<LatencySummary> v = new ArrayList<>();
        for (int s = 1; s < video.stageCount(); s++) {
            v.add(LatencySummary.of(video.stage(s), video.latencies(s, from, to)));
        }
        List<LatencySummary> au = new ArrayList<>();
        for (int s = 1; s < audio.stageCount(); s++) {
            au.add(LatencySummary.of(audio.stage(s), audio.latencies(s, from, to)));
        }
        LatencySummary handedOver = au.get(A_HANDED_OVER - 1);
        if (handedOver.count() > 0 && handedOver.minMillis() < 0) {
            notes.add(String.format("the capture device delivers ahead of real time (ALSA's file/null plugin does): "
                    + "packets were handed over up to %.0f ms before a real-time device would have, so the audio latencies "
                    + "below are understated by up to that much (a real microphone hands a packet over ~20 ms after "
                    + "its timestamp), and the jitter scheduler sees bursts; --audio SYNTHETIC is a real-time source",
                    -handedOver.minMillis() + 20));
        }
        List<LatencySummary> videoTimeline = new ArrayList<>();
        List<LatencySummary> audioTimeline = new ArrayList<>();
        long slice = 5_000_000_000L;
        for (long t = from; to - t >= 1_000_000_000L; t += slice) { // no sliver at the end
            String label = String.format("%d-%d s", (t - from + 500_000_000L) / 1_000_000_000L,
                    (Math.min(to, t + slice) - from + 500_000_000L) / 1_000_000_000L);
            videoTimeline.add(LatencySummary.of(label, video.latencies(V_SHOWN, t, Math.min(to, t + slice))));
            audioTimeline.add(LatencySummary.of(label, audio.latencies(A_WRITTEN, t, Math.min(to, t + slice))));
        }
        int videoCaptured = video.captured(from, to);
        int audioCaptured = audio.captured(from, to);
        var vr = new PipelineReport.VideoCounts(videoCaptured, skipped1 - skipped0,
                videoIn[1].staleDropped() - videoIn[0].staleDropped(), videoIn[1].corrupt() - videoIn[0].corrupt(),
                videoCaptured - v.get(V_SHOWN - 1).count(), codecMs[0], codecMs[1]);
        var ar = playbackAfter == null ? null : new PipelineReport.AudioCounts(audioCaptured,
                playbackAfter.played() - playbackBefore.played(), playbackAfter.concealed() - playbackBefore.concealed(),
                playbackAfter.late() - playbackBefore.late(), playbackAfter.droppedExcess() - playbackBefore.droppedExcess(),
                playbackAfter.underruns() - playbackBefore.underruns(), playbackAfter.reanchors() - playbackBefore.reanchors(),
                playbackAfter.shrinkDrops() - playbackBefore.shrinkDrops());
        return new PipelineReport(settings, display, audioSetup, v, au, videoTimeline, audioTimeline, vr, ar, cpu,
                Runtime.getRuntime().availableProcessors(), worstOffsetErrorNanos.get() / 1e6, List.copyOf(notes));
    }

    private static void connectCall(SessionModel a, SessionModel b, RelayEndpoint endpoint) throws Exception {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        a.register(endpoint, "bench_a_" + suffix, "bench-password").get(30, TimeUnit.SECONDS);
        b.register(endpoint, "bench_b_" + suffix, "bench-password").get(30, TimeUnit.SECONDS);
        // a relay lets only contacts call each other: a asks, b accepts (over the protocol, as people do)
        ContactHandshake.connect(a, b, 30_000).get(35, TimeUnit.SECONDS);
        CountDownLatch ringing = new CountDownLatch(1);
        CountDownLatch inCall = new CountDownLatch(1);
        b.addListener(e -> {
            if (e instanceof SessionEvent.CallChanged c && c.call().phase() == CallPhase.INCOMING_RINGING) {
                ringing.countDown();
            }
        });
        a.addListener(e -> {
            if (e instanceof SessionEvent.CallChanged c && c.call().phase() == CallPhase.IN_CALL) {
                inCall.countDown();
            }
        });
        a.call("bench_b_" + suffix);
        if (!ringing.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the call did not ring within 30 s");
        }
        b.accept();
        if (!inCall.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the call was not accepted within 30 s");
        }
    }

    /** Mean encode and decode ms over the run, from the streams' own 2-second means sampled each second. */
    private static double[] sampleCodecCost(VideoSender sender, VideoReceiver receiver, int seconds)
            throws InterruptedException {
        double enc = 0;
        double dec = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= seconds; i++) {
            long wait = start + i * 1_000_000_000L - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            enc += sender.stats().encodeMs();
            dec += receiver.stats().decodeMs();
        }
        return new double[] {enc / seconds, dec / seconds};
    }

    /** How far the delivered timestamp (through both clients' relay-clock offsets) is from the true one. */
    private void noteOffsetError(StageTimes video, long seq, long deliveredCaptureMicros) {
        long captured = video.time(V_CAPTURE, seq); // recorded before sendVideo, so present
        if (captured != StageTimes.NONE) {
            worstOffsetErrorNanos.accumulateAndGet(Math.abs(clock.toNanos(deliveredCaptureMicros) - captured), Math::max);
        }
    }

    private static String alsaNote() {
        String conf = System.getenv("ALSA_CONFIG_PATH");
        return conf == null ? "" : " (ALSA_CONFIG_PATH=" + conf + ")";
    }

    private static String alsaHint() {
        return System.getenv("ALSA_CONFIG_PATH") == null
                ? " (no ALSA_CONFIG_PATH: on a machine without a sound card, set it to app-desktop/src/test/alsa/asound.conf)"
                : "";
    }

    /** The relay's database files (~50 MB) are not kept. */
    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // already closed or failing while closing: nothing to measure any more
        }
    }

    /** Wall-clock epoch µs → this process's {@code nanoTime}, from one reading of both. */
    static final class WallToNanos {
        private final long offsetNanos;

        WallToNanos() {
            Instant now = Instant.now();
            long nano = System.nanoTime();
            offsetNanos = (now.getEpochSecond() * 1_000_000_000L + now.getNano()) - nano;
        }

        long toNanos(long epochMicros) {
            return epochMicros * 1_000 - offsetNanos;
        }
    }
}
