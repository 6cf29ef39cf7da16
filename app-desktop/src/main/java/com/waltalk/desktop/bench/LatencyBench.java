package com.waltalk.desktop.bench;

import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.desktop.media.EncodedVideoFrame;
import com.waltalk.desktop.net.RelayEndpoint;
import com.waltalk.desktop.session.CallPhase;
import com.waltalk.desktop.session.SessionEvent;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code desktop bench}: capture → remote delivery latency through a local relay (embedded PostgreSQL,
 * logical replication) between two real {@link SessionModel}s in one process, with synthetic frames at the
 * app's rates: 640×360 JPEG-sized video at 15 fps and 20 ms audio packets. Latency is measured from the
 * {@code captureMicros} the sender stamps to the moment the receiver's consumer gets the frame (both in
 * this process's clock). Decoding and display/playback are not included; integration adds them.
 *
 * <p>Thread-safety: a command-line program; not meant to be shared.
 */
@Command(name = "desktop-bench", mixinStandardHelpOptions = true,
        description = "Capture -> remote delivery latency of the desktop client through a local relay.")
public final class LatencyBench implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "20", description = "Measured duration (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured warm-up seconds (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--video-bytes", defaultValue = "30000", description = "Bytes per video frame (default ${DEFAULT-VALUE}).")
    int videoBytes;

    @Option(names = "--relay", description = "Use this relay (ws:// or wss://) instead of starting one.")
    String relayUri;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LatencyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("waltalk-desktop-bench");
        Relay relay = relayUri == null ? Relay.start(RelaySettings.forLoopback(dir.resolve("pg"), "desktop_bench")) : null;
        String uri = relay == null ? relayUri : relay.webSocketUri();
        RelayEndpoint endpoint = RelayEndpoint.of(uri);
        int totalFrames = (warmup + seconds) * 50;
        long[] video = new long[2 * totalFrames]; // (capture time, latency) pairs
        long[] audio = new long[2 * totalFrames];
        long[] videoSent = new long[totalFrames]; // capture time by seq, in this process's clock
        long[] audioSent = new long[totalFrames];
        java.util.concurrent.atomic.AtomicLong worstEstimateError = new java.util.concurrent.atomic.AtomicLong();
        this.estimateError = worstEstimateError;
        AtomicInteger videoCount = new AtomicInteger();
        AtomicInteger audioCount = new AtomicInteger();
        long measureFromMicros;
        try (SessionModel a = SessionModel.create(); SessionModel b = SessionModel.create()) {
            String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
            a.register(endpoint, "bench_a_" + suffix, "bench-password").get(30, TimeUnit.SECONDS);
            b.register(endpoint, "bench_b_" + suffix, "bench-password").get(30, TimeUnit.SECONDS);
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
            b.media().onVideo(f -> record(video, videoCount, videoSent, f.seq(), f.captureMicros()));
            b.media().onAudio(p -> record(audio, audioCount, audioSent, p.seq(), p.captureMicros()));
            a.call("bench_b_" + suffix);
            ringing.await(30, TimeUnit.SECONDS);
            b.accept();
            inCall.await(30, TimeUnit.SECONDS);

            Random random = new Random(1);
            byte[] jpeg = new byte[videoBytes];
            random.nextBytes(jpeg);
            jpeg[0] = (byte) 0xFF;
            jpeg[1] = (byte) 0xD8;
            byte[] pcm = new byte[AudioPacket.BYTES_PER_PACKET];
            random.nextBytes(pcm);
            long start = System.nanoTime();
            measureFromMicros = nowMicros() + warmup * 1_000_000L;
            long videoSeq = 0;
            for (int tick = 0; tick < totalFrames; tick++) {
                long due = start + tick * 20_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long captured = nowMicros();
                audioSent[tick] = captured;
                a.media().sendAudio(new AudioPacket(tick, captured, pcm));
                if (tick * 15 / 50 != (tick - 1) * 15 / 50 || tick == 0) { // 15 fps on the 50 Hz grid
                    videoSent[(int) videoSeq] = captured;
                    a.media().sendVideo(new EncodedVideoFrame(videoSeq++, captured, 640, 360, jpeg.clone()));
                }
            }
            var sent = a.media().stats();
            var got = b.media().stats();
            System.out.printf("sender:   video %.1f fps %.0f kbit/s, audio %.1f pps %.0f kbit/s, dropped %d/%d%n",
                    sent.videoOut().framesPerSecond(), sent.videoOut().kilobitsPerSecond(),
                    sent.audioOut().framesPerSecond(), sent.audioOut().kilobitsPerSecond(),
                    sent.videoOut().droppedFrames(), sent.audioOut().droppedFrames());
            System.out.printf("receiver: video %.1f fps, audio %.1f pps, gaps %d/%d, mean latency (stats) %.1f/%.1f ms%n",
                    got.videoIn().framesPerSecond(), got.audioIn().framesPerSecond(), got.videoIn().droppedFrames(),
                    got.audioIn().droppedFrames(), got.videoIn().latencyMillis(), got.audioIn().latencyMillis());
            Thread.sleep(1_000);
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
        System.out.printf("desktop bench: %d s measured after %d s warm-up, video %d B at 15 fps, audio 20 ms packets%n",
                seconds, warmup, videoBytes);
        report("video capture->delivery", video, videoCount.get(), measureFromMicros);
        report("audio capture->delivery", audio, audioCount.get(), measureFromMicros);
        System.out.printf("clock-offset estimate error (worst, both clients together): %.1f ms%n",
                worstEstimateError.get() / 1000.0);
        return 0;
    }

    private java.util.concurrent.atomic.AtomicLong estimateError;

    /**
     * Stores a (capture time, latency) pair, on the receive thread. The latency uses the capture time the
     * sender noted for that seq (same process, same clock); the gap to the delivered {@code captureMicros}
     * (converted through both clients' relay-clock offsets) is the offset estimates' error.
     */
    private void record(long[] into, AtomicInteger count, long[] sent, long seq, long deliveredCaptureMicros) {
        long now = nowMicros();
        int i = count.getAndIncrement();
        if (i < into.length / 2 && seq < sent.length) {
            into[2 * i] = sent[(int) seq];
            into[2 * i + 1] = now - sent[(int) seq];
            estimateError.accumulateAndGet(Math.abs(deliveredCaptureMicros - sent[(int) seq]), Math::max);
        }
    }

    private static void report(String what, long[] samples, int count, long fromMicros) {
        int n = Math.min(count, samples.length / 2);
        long[] lat = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (samples[2 * i] >= fromMicros) {
                lat[m++] = samples[2 * i + 1];
            }
        }
        lat = Arrays.copyOf(lat, m);
        Arrays.sort(lat);
        if (m == 0) {
            System.out.printf("%-26s no frames%n", what);
            return;
        }
        System.out.printf("%-26s n=%d  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n", what, m,
                pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[m - 1] / 1000.0);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
