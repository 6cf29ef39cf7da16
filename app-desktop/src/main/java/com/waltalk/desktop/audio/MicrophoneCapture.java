package com.waltalk.desktop.audio;

import com.waltalk.runtime.Threads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The microphone: a {@link TargetDataLine} at a rate the device supports, read 20 ms at a time on
 * its own thread and turned into 16 kHz packets by a {@link CapturePacketizer}.
 *
 * <p>Frame 0 is anchored to the wall clock once, at the first read ({@code now − line position});
 * every timestamp after that follows from frame counts. A device that delivers faster than real
 * time (ALSA's {@code file}/{@code null} plugins, used by the tests) is paced to the wall clock so
 * the sender is never flooded.
 *
 * <p>Thread-safe: {@link #setMuted}, {@link #stats} and {@link #close} may be called from any thread;
 * listener callbacks run on the capture thread.
 */
public final class MicrophoneCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MicrophoneCapture.class);

    /** Tried in this order; the first the device opens wins. */
    public static final List<AudioFormat> PREFERRED_FORMATS = formats(
            48_000, 44_100, 32_000, 96_000, 16_000, 22_050, 24_000, 88_200);

    private static final int BUFFER_MILLIS = 200;
    private static final long MAX_AHEAD_OF_WALL_MICROS = 60_000;

    private final TargetDataLine line;
    private final String deviceName;
    private final CapturePacketizerHolder packetizer = new CapturePacketizerHolder();
    private final CaptureListener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean muted;

    private MicrophoneCapture(TargetDataLine line, String deviceName, CaptureListener listener) {
        this.line = line;
        this.deviceName = deviceName;
        this.listener = listener;
        this.thread = Threads.daemon("microphone", this::run);
    }

    /** Opens the named microphone (null or blank: the system default) and starts capturing. */
    public static MicrophoneCapture start(String deviceName, CaptureListener listener) throws AudioDeviceException {
        return start(deviceName, PREFERRED_FORMATS, listener);
    }

    /**
     * Opens the named microphone in the first of {@code formats} it accepts and starts capturing.
     *
     * @throws AudioDeviceException no such device, or none of the formats can be opened (busy, unsupported)
     */
    public static MicrophoneCapture start(String deviceName, List<AudioFormat> formats, CaptureListener listener)
            throws AudioDeviceException {
        return start(deviceName, formats, false, listener);
    }

    /**
     * Like {@link #start(String, List, CaptureListener)}, optionally muted from the first sample
     * (joining a call muted).
     */
    public static MicrophoneCapture start(String deviceName, List<AudioFormat> formats, boolean muted,
                                          CaptureListener listener) throws AudioDeviceException {
        Mixer mixer = AudioDevices.find(deviceName, TargetDataLine.class, "microphone");
        List<String> failures = new ArrayList<>();
        for (AudioFormat format : formats) {
            if (!usable(format)) {
                failures.add(format + ": not 16-bit signed PCM at 16 kHz or more");
                continue;
            }
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
            try {
                boolean supported = mixer == null ? AudioSystem.isLineSupported(info) : mixer.isLineSupported(info);
                if (!supported) {
                    continue;
                }
                TargetDataLine line = (TargetDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
                int frameBytes = format.getFrameSize();
                line.open(format, Math.round(format.getSampleRate() * BUFFER_MILLIS / 1000) * frameBytes);
                String name = mixer == null ? "default" : mixer.getMixerInfo().getName();
                MicrophoneCapture capture = new MicrophoneCapture(line, name, listener);
                capture.muted = muted;
                capture.thread.start();
                log.info("Microphone {} opened at {}", name, format);
                return capture;
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                failures.add(format.getSampleRate() + " Hz/" + format.getChannels() + " ch: " + e.getMessage());
            }
        }
        String which = deviceName == null || deviceName.isBlank() ? "the default microphone" : "microphone \"" + deviceName + "\"";
        throw new AudioDeviceException(failures.isEmpty()
                ? "No usable microphone: " + which + " offers no 16-bit PCM format at 16 kHz or more"
                : "Cannot open " + which + " in any usable format (is another program using it?): " + failures);
    }

    private void run() {
        AudioFormat format = line.getFormat();
        int frameBytes = format.getFrameSize();
        int rate = Math.round(format.getSampleRate());
        byte[] buffer = new byte[rate / 50 * frameBytes]; // 20 ms, well under the line buffer
        long framesRead = 0;
        long frame0Micros = 0;
        long frame0Nanos = 0;
        try {
            line.start();
            while (running) {
                int n = line.read(buffer, 0, buffer.length);
                if (!running) {
                    break;
                }
                if (n <= 0) {
                    if (!line.isOpen()) {
                        throw new IllegalStateException("the line was closed");
                    }
                    continue;
                }
                if (packetizer.value == null) {
                    long lineFrames = Math.max(line.getLongFramePosition(), n / frameBytes);
                    long nowNanos = System.nanoTime();
                    long lineMicros = lineFrames * 1_000_000 / rate;
                    frame0Micros = epochMicros(Instant.now()) - lineMicros;
                    frame0Nanos = nowNanos - lineMicros * 1_000;
                    packetizer.value = new CapturePacketizer(format, frame0Micros, listener);
                    packetizer.value.setMuted(muted);
                }
                packetizer.value.accept(buffer, 0, n);
                framesRead += n / frameBytes;
                long aheadMicros = framesRead * 1_000_000 / rate - (System.nanoTime() - frame0Nanos) / 1_000;
                if (aheadMicros > MAX_AHEAD_OF_WALL_MICROS) {
                    Thread.sleep((aheadMicros - MAX_AHEAD_OF_WALL_MICROS / 2) / 1_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Microphone {} failed", deviceName, e);
                listener.onFailure(new AudioDeviceException("The microphone stopped working: " + e.getMessage(), e));
            }
        }
    }

    /** While muted nothing is sent (tell the peer with {@link #isMuted()}); the level meter keeps working. */
    public void setMuted(boolean muted) {
        this.muted = muted;
        CapturePacketizer p = packetizer.value;
        if (p != null) {
            p.setMuted(muted);
        }
    }

    public boolean isMuted() {
        return muted;
    }

    /** Wall-clock time of the first input frame (epoch µs), or 0 before the first read. */
    public long frame0Micros() {
        CapturePacketizer p = packetizer.value;
        return p == null ? 0 : p.frame0Micros();
    }

    public String deviceName() {
        return deviceName;
    }

    public AudioFormat format() {
        return line.getFormat();
    }

    public CaptureStats stats() {
        CapturePacketizer p = packetizer.value;
        AudioFormat f = line.getFormat();
        return new CaptureStats(deviceName, Math.round(f.getSampleRate()), f.getChannels(),
                p == null ? 0 : p.packetsSent(), p == null ? 0 : p.packetsMuted(), muted,
                p == null ? AudioLevel.SILENCE : p.lastLevel());
    }

    /** Stops capturing and releases the device. Idempotent. */
    @Override
    public void close() {
        running = false;
        line.stop();
        line.flush();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.close();
    }

    private static boolean usable(AudioFormat f) {
        return AudioFormat.Encoding.PCM_SIGNED.equals(f.getEncoding()) && f.getSampleSizeInBits() == 16
                && f.getChannels() >= 1 && f.getSampleRate() >= PolyphaseResampler.OUTPUT_RATE
                && f.getSampleRate() <= 384_000 && f.getSampleRate() == Math.round(f.getSampleRate());
    }

    static long epochMicros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    private static List<AudioFormat> formats(int... rates) {
        List<AudioFormat> list = new ArrayList<>();
        for (int rate : rates) {
            list.add(new AudioFormat(rate, 16, 1, true, false));
            list.add(new AudioFormat(rate, 16, 2, true, false));
        }
        return List.copyOf(list);
    }

    /** Written by the capture thread once, read by others. */
    private static final class CapturePacketizerHolder {
        volatile CapturePacketizer value;
    }
}
