package com.waltalk.desktop.bench;

import com.waltalk.desktop.audio.CaptureListener;
import com.waltalk.desktop.media.AudioPacket;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for the microphone when no capture line opens: a 20 ms packet of silence (16 kHz mono
 * PCM16LE) on a drift-free schedule, handed over when its 20 ms are complete. Like
 * {@code MicrophoneCapture}, timestamps are those of the first sample and follow from the packet count
 * (start + seq × 20 ms), not from when the thread woke up: a timestamp that jitters by a millisecond
 * makes the jitter scheduler see packets overlapping and drop them.
 *
 * <p>Thread-safe: {@link #close} from any thread; the listener runs on this source's own thread.
 */
final class SyntheticMicrophone implements AutoCloseable {

    private static final long PACKET_NANOS = 20_000_000L;

    private final CaptureListener listener;
    private final Thread thread;
    private volatile boolean running = true;

    private SyntheticMicrophone(CaptureListener listener) {
        this.listener = listener;
        this.thread = new Thread(this::run, "synthetic-microphone");
        this.thread.setDaemon(true);
    }

    static SyntheticMicrophone start(CaptureListener listener) {
        SyntheticMicrophone m = new SyntheticMicrophone(listener);
        m.thread.start();
        return m;
    }

    private void run() {
        byte[] silence = new byte[AudioPacket.BYTES_PER_PACKET];
        long start = System.nanoTime();
        Instant wallStart = Instant.now();
        long startMicros = wallStart.getEpochSecond() * 1_000_000 + wallStart.getNano() / 1_000;
        try {
            for (long seq = 0; running; seq++) {
                long due = start + (seq + 1) * PACKET_NANOS; // the packet is complete at the end of its 20 ms
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long firstSampleMicros = startMicros + seq * (PACKET_NANOS / 1_000);
                listener.onPacket(new AudioPacket(seq, firstSampleMicros, silence.clone()));
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
