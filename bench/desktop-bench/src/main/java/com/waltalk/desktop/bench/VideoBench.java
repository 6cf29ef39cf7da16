package com.waltalk.desktop.bench;

import com.waltalk.testing.CameraLikeImage;
import com.github.sarxos.webcam.Webcam;
import com.waltalk.desktop.capture.CameraDirectory;
import com.waltalk.desktop.capture.CameraDriver;
import com.waltalk.desktop.capture.SyntheticCameraDevice;
import com.waltalk.desktop.capture.SyntheticCameraDriver;
import com.waltalk.desktop.video.CorruptFrameException;
import com.waltalk.desktop.video.FrameDisplay;
import com.waltalk.desktop.video.FrameFormatter;
import com.waltalk.desktop.video.IncomingVideoStats;
import com.waltalk.desktop.video.JpegDecoder;
import com.waltalk.desktop.video.JpegEncoder;
import com.waltalk.desktop.video.OutgoingVideoStats;
import com.waltalk.desktop.video.ScreenFrame;
import com.waltalk.desktop.video.VideoReceiver;
import com.waltalk.desktop.video.VideoSender;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the desktop video path on this machine and prints the figures for docs/BENCHMARKS.md:
 * JPEG encode and decode cost per 640×360 frame (p50/p99) and size, for the synthetic test pattern
 * and a camera-like noisy scene; then the CPU of the whole 15 fps pipeline (synthetic camera →
 * cover-crop → JPEG → decode → display slot) as process CPU time over wall time.
 *
 * <p>Run: {@code java -cp 'app-desktop/target/classes:app-desktop/target/lib/*'
 * com.waltalk.desktop.bench.VideoBench} (prefix {@code taskset -c 0} to hold it to one core).
 *
 * <p>Not thread-safe; a command-line program.
 */
@Command(name = "video-bench", mixinStandardHelpOptions = true,
        description = "JPEG cost per frame and CPU of the 15 fps desktop video pipeline")
public final class VideoBench implements Callable<Integer> {

    @Option(names = "--frames", defaultValue = "300", description = "measured frames per codec test (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--warmup", defaultValue = "100", description = "unmeasured frames first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seconds", defaultValue = "20", description = "pipeline run length (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--noise", defaultValue = "6", description = "sensor noise of the camera-like scene, 8-bit levels (default ${DEFAULT-VALUE})")
    double noise;

    public static void main(String[] args) {
        System.exit(new CommandLine(new VideoBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf("java %s, %d cores, JPEG quality %.2f, 640x360%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), JpegEncoder.STREAM_QUALITY);
        System.out.println("load average at start: " + loadAverage());
        FrameFormatter fmt = new FrameFormatter(640, 360);

        SyntheticCameraDevice cam = new SyntheticCameraDriver("bench").device();
        cam.open();
        BufferedImage[] pattern = new BufferedImage[30];
        long[] drawNanos = new long[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            long t0 = System.nanoTime();
            pattern[i] = fmt.format(cam.getImage());
            drawNanos[i] = System.nanoTime() - t0;
            Thread.sleep(33); // let the ball move
        }
        BufferedImage[] cameraLike = new BufferedImage[10];
        for (int i = 0; i < cameraLike.length; i++) {
            cameraLike[i] = CameraLikeImage.create(640, 360, noise, i); // fresh noise per frame, as a sensor
        }
        System.out.println();
        System.out.println("| image | encode p50 | encode p99 | decode p50 | decode p99 | JPEG size |");
        System.out.println("|---|---|---|---|---|---|");
        codec("synthetic test pattern", pattern);
        codec(String.format("camera-like scene (noise σ=%.0f)", noise), cameraLike);
        Arrays.sort(drawNanos);
        System.out.printf("%nsynthetic camera: draw + cover-crop %.2f ms/frame (p50)%n", drawNanos[drawNanos.length / 2] / 1e6);

        pipeline();
        return 0;
    }

    private void codec(String name, BufferedImage[] images) throws CorruptFrameException {
        long[] enc = new long[frames];
        long[] dec = new long[frames];
        long bytes = 0;
        try (JpegEncoder encoder = new JpegEncoder(JpegEncoder.STREAM_QUALITY); JpegDecoder decoder = new JpegDecoder()) {
            for (int i = -warmup; i < frames; i++) {
                BufferedImage img = images[Math.floorMod(i, images.length)];
                long t0 = System.nanoTime();
                byte[] jpeg = encoder.encode(img);
                long t1 = System.nanoTime();
                decoder.decode(i, jpeg);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    enc[i] = t1 - t0;
                    dec[i] = t2 - t1;
                    bytes += jpeg.length;
                }
            }
        }
        Arrays.sort(enc);
        Arrays.sort(dec);
        System.out.printf("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.1f KB |%n", name, pct(enc, 50), pct(enc, 99),
                pct(dec, 50), pct(dec, 99), bytes / 1024.0 / frames);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double pct(long[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1; // nearest rank
        return sorted[Math.max(0, idx)] / 1e6;
    }

    private void pipeline() throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CameraDirectory cameras = CameraDirectory.install(new CameraDriver(null, Optional.empty(),
                new SyntheticCameraDriver("bench"), CameraDriver.Timeouts.DEFAULT));
        CountingDisplay display = new CountingDisplay();
        AtomicLong previews = new AtomicLong();
        try (VideoReceiver receiver = new VideoReceiver(display, "bench");
             VideoSender sender = new VideoSender(cameras.open(SyntheticCameraDriver.nameFor("bench")))) {
            sender.addPreview(f -> previews.incrementAndGet());
            sender.setSink(receiver::offer);
            sender.start();
            Thread.sleep(3_000); // warm-up
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long shown0 = display.shown.get();
            long skipped0 = sender.stats().skippedSlots();
            Thread.sleep(seconds * 1_000L);
            long cpu = os.getProcessCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            OutgoingVideoStats out = sender.stats();
            IncomingVideoStats in = receiver.stats();
            System.out.printf("%npipeline (synthetic camera -> crop -> JPEG -> decode -> display slot, + preview), %d s:%n",
                    seconds);
            System.out.printf("  frames decoded %.1f/s, skipped slots %d, stale %d, corrupt %d%n",
                    (display.shown.get() - shown0) / (wall / 1e9), out.skippedSlots() - skipped0, in.staleDropped(),
                    in.corrupt());
            System.out.printf("  out %.1f fps %.0f kbit/s, encode %.2f ms; in %.1f fps, decode %.2f ms%n",
                    out.fpsOut(), out.kbitPerSecond(), out.encodeMs(), in.fpsIn(), in.decodeMs());
            System.out.printf("  process CPU %.1f%% of one core (CPU time %.2f s / wall %.2f s)%n",
                    100.0 * cpu / wall, cpu / 1e9, wall / 1e9);
            System.out.println("load average at end: " + loadAverage());
        } finally {
            Webcam.resetDriver();
        }
    }

    /** The display end without a screen: keeps the newest frame, as the renderer does, and counts. */
    private static final class CountingDisplay implements FrameDisplay {
        final AtomicLong shown = new AtomicLong();
        volatile ScreenFrame last;

        @Override
        public void present(ScreenFrame frame) {
            last = frame;
            shown.incrementAndGet();
        }

        @Override
        public long framesShown() {
            return shown.get();
        }

        @Override
        public long framesDropped() {
            return 0;
        }
    }
}
