package com.waltalk.desktop.playback;

import com.waltalk.desktop.audio.AudioDeviceException;
import com.waltalk.desktop.audio.AudioDevices;
import com.waltalk.desktop.media.AudioPacket;
import com.waltalk.runtime.Threads;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one incoming audio stream on a {@link SourceDataLine} (16 kHz mono PCM16LE) through a
 * {@link JitterScheduler}. A playback thread keeps {@link #DEVICE_LEAD_MILLIS} of audio (or silence)
 * in the device and renders the rest from the schedule just in time, so the schedule — not the device
 * buffer — decides what is heard, and the 150 ms bound covers both.
 *
 * <p>Thread-safe: {@link #offer} (from the network thread), {@link #stats} (from the UI) and
 * {@link #close} may be called from any thread.
 */
public final class SpeakerPlayback implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpeakerPlayback.class);

    public static final AudioFormat FORMAT = new AudioFormat(AudioPacket.SAMPLE_RATE, 16, 1, true, false);
    /** Audio kept in the device ahead of the play position. */
    public static final int DEVICE_LEAD_MILLIS = 40;
    private static final int DEVICE_LEAD = DEVICE_LEAD_MILLIS * AudioPacket.SAMPLE_RATE / 1000;
    private static final int LINE_BUFFER_BYTES = 2 * AudioPacket.SAMPLE_RATE * 2 / 10; // 200 ms
    private static final long TICK_NANOS = 5_000_000;

    private final SourceDataLine line;
    private final String deviceName;
    private final JitterScheduler scheduler = new JitterScheduler();
    private final Object lock = new Object();
    private final Thread thread;
    private final List<PacketWrittenListener> writtenListeners = new CopyOnWriteArrayList<>();
    /** Packets whose first sample the current render produced (playback thread only). */
    private final StartedPackets started = new StartedPackets();
    private volatile boolean running = true;
    /** Play position as last measured by the playback thread (guarded by lock). */
    private long playPosition;
    private volatile AudioDeviceException failure;

    private SpeakerPlayback(SourceDataLine line, String deviceName) {
        this.line = line;
        this.deviceName = deviceName;
        this.thread = Threads.daemon("speaker", this::run);
        this.scheduler.setPacketStartListener(started::add);
    }

    /**
     * Opens the named speaker (null or blank: the system default) and starts playing silence.
     *
     * @throws AudioDeviceException no such device, or it cannot play 16 kHz mono PCM16 now
     */
    public static SpeakerPlayback start(String deviceName) throws AudioDeviceException {
        Mixer mixer = AudioDevices.find(deviceName, SourceDataLine.class, "speaker");
        String name = mixer == null ? "default" : mixer.getMixerInfo().getName();
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, FORMAT);
        try {
            SourceDataLine line = (SourceDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
            line.open(FORMAT, LINE_BUFFER_BYTES);
            SpeakerPlayback playback = new SpeakerPlayback(line, name);
            playback.thread.start();
            log.info("Speaker {} opened at {}", name, FORMAT);
            return playback;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioDeviceException("Cannot play on speaker \"" + name + "\" (in use, or no 16 kHz mono "
                    + "16-bit output): " + e.getMessage(), e);
        }
    }

    /** Schedules a packet that just arrived. Never blocks on the device. */
    public void offer(AudioPacket packet) {
        synchronized (lock) {
            scheduler.offer(packet, playPosition);
        }
    }

    public PlaybackStats stats() {
        synchronized (lock) {
            return scheduler.stats(playPosition);
        }
    }

    /** The timeline sample being heard now (as of the playback thread's last look at the device). */
    public long playPosition() {
        synchronized (lock) {
            return playPosition;
        }
    }

    /**
     * Adds a listener told, on the playback thread right after {@code SourceDataLine.write} returns, of
     * each packet whose first sample was in that write (in play order). It must return quickly.
     */
    public void addPacketWrittenListener(PacketWrittenListener listener) {
        writtenListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removePacketWrittenListener(PacketWrittenListener listener) {
        writtenListeners.remove(listener);
    }

    public String deviceName() {
        return deviceName;
    }

    /** Set if the device failed while playing; playback has then stopped. */
    public AudioDeviceException failure() {
        return failure;
    }

    private void run() {
        short[] samples = new short[DEVICE_LEAD + AudioPacket.SAMPLES_PER_PACKET];
        byte[] bytes = new byte[samples.length * 2];
        try {
            line.start();
            PlayPosition clock = new PlayPosition(AudioPacket.SAMPLE_RATE, System.nanoTime());
            while (running) {
                int count;
                synchronized (lock) {
                    playPosition = clock.update(line.getLongFramePosition(), System.nanoTime());
                    count = (int) Math.min(samples.length, playPosition + DEVICE_LEAD - scheduler.writePosition());
                    if (count > 0) {
                        scheduler.render(samples, 0, count);
                    }
                }
                if (count > 0) {
                    for (int i = 0; i < count; i++) {
                        bytes[2 * i] = (byte) samples[i];
                        bytes[2 * i + 1] = (byte) (samples[i] >> 8);
                    }
                    line.write(bytes, 0, count * 2);
                    if (started.size > 0) {
                        tellWritten(System.nanoTime());
                    }
                }
                LockSupport.parkNanos(TICK_NANOS);
            }
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Speaker {} failed", deviceName, e);
                failure = new AudioDeviceException("The speaker stopped working: " + e.getMessage(), e);
            }
        }
    }

    private void tellWritten(long writtenNanos) {
        for (int i = 0; i < started.size; i++) {
            for (PacketWrittenListener l : writtenListeners) {
                l.packetWritten(started.seqs[i], started.captureMicros[i], writtenNanos);
            }
        }
        started.size = 0;
    }

    /** Stops playing and releases the device. Idempotent. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.stop();
        line.flush();
        line.close();
    }

    /** Told when a packet's audio has been handed to the device. */
    @FunctionalInterface
    public interface PacketWrittenListener {

        /**
         * @param seq           the packet's sequence number (low 32 bits)
         * @param captureMicros its capture timestamp as offered (local wall clock, epoch µs)
         * @param writtenNanos  {@link System#nanoTime()} right after the write that held its first sample
         */
        void packetWritten(long seq, long captureMicros, long writtenNanos);
    }

    /** A reusable list of (seq, captureMicros), filled under the lock by render, emptied after the write. */
    private static final class StartedPackets {
        long[] seqs = new long[8];
        long[] captureMicros = new long[8];
        int size;

        void add(long seq, long micros) {
            if (size == seqs.length) {
                seqs = java.util.Arrays.copyOf(seqs, size * 2);
                captureMicros = java.util.Arrays.copyOf(captureMicros, size * 2);
            }
            seqs[size] = seq;
            captureMicros[size] = micros;
            size++;
        }
    }
}
