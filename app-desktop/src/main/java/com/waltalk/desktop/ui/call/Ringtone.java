package com.waltalk.desktop.ui.call;

import com.waltalk.runtime.Threads;
import java.util.function.Supplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ringtone (incoming call) and ringback tone (outgoing call), synthesised — no sound files. Plays
 * on its own daemon thread through a javax.sound line on the chosen speaker; a machine without sound
 * just stays silent (logged once).
 *
 * <p>Thread-safe: {@link #play} and {@link #stop} may be called from any thread.
 */
public final class Ringtone implements AutoCloseable {

    /** What to play. */
    public enum Tone { RING, RINGBACK }

    private static final Logger LOG = LoggerFactory.getLogger(Ringtone.class);
    static final float RATE = 44_100f;
    private static final AudioFormat FORMAT = new AudioFormat(RATE, 16, 1, true, false);

    private final Supplier<String> speakerName;
    private Thread player;
    private volatile Tone playing;
    private volatile boolean warned;

    /** @param speakerName the chosen speaker's mixer name, or null for the default (read at each start) */
    public Ringtone(Supplier<String> speakerName) {
        this.speakerName = speakerName;
    }

    /** Starts looping {@code tone} (replacing what plays). */
    public synchronized void play(Tone tone) {
        if (playing == tone && player != null && player.isAlive()) {
            return;
        }
        stop();
        playing = tone;
        byte[] pcm = tone == Tone.RING ? ring() : ringback();
        String mixer = speakerName.get();
        player = Threads.startDaemon("ringtone", () -> loop(tone, pcm, mixer));
    }

    /** Stops playing (returns at once; the line drains and closes on the player thread). */
    public synchronized void stop() {
        playing = null;
        if (player != null) {
            player.interrupt();
            player = null;
        }
    }

    /** Plays one cycle of the ringtone on speaker {@code mixerName} (null: default), on a daemon thread. */
    public static void playOnce(String mixerName) {
        byte[] pcm = ring();
        Threads.startDaemon("test-sound", () -> {
            SourceDataLine line = null;
            try {
                line = open(mixerName);
                line.start();
                line.write(pcm, 0, pcm.length);
                line.drain();
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                LOG.info("No sound output for the test sound ({})", e.toString());
            } finally {
                if (line != null) {
                    line.close();
                }
            }
        });
    }

    /** What is playing now, or null. */
    public Tone playing() {
        return playing;
    }

    private void loop(Tone tone, byte[] pcm, String mixerName) {
        SourceDataLine line = null;
        try {
            line = open(mixerName);
            line.start();
            int chunk = (int) (RATE / 10) * 2; // 100 ms: a stop is heard quickly
            while (playing == tone && !Thread.currentThread().isInterrupted()) {
                for (int off = 0; off < pcm.length && playing == tone && !Thread.currentThread().isInterrupted();
                        off += chunk) {
                    line.write(pcm, off, Math.min(chunk, pcm.length - off));
                }
            }
            line.stop();
            line.flush();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            if (!warned) {
                warned = true;
                LOG.info("No sound output for the ringtone ({})", e.toString());
            }
        } finally {
            if (line != null) {
                line.close();
            }
        }
    }

    private static SourceDataLine open(String mixerName) throws LineUnavailableException {
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, FORMAT);
        SourceDataLine line = null;
        if (mixerName != null) {
            for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                if (mi.getName().equals(mixerName)) {
                    Mixer m = AudioSystem.getMixer(mi);
                    if (m.isLineSupported(info)) {
                        line = (SourceDataLine) m.getLine(info);
                    }
                    break;
                }
            }
        }
        if (line == null) {
            line = (SourceDataLine) AudioSystem.getLine(info);
        }
        line.open(FORMAT, (int) (RATE / 5) * 2);
        return line;
    }

    /** A two-note chime (E6, C6) with soft decay, then silence: 2.4 s per cycle. */
    static byte[] ring() {
        int n = (int) (RATE * 2.4);
        short[] s = new short[n];
        chime(s, 0, 1318.51, 0.32);
        chime(s, (int) (RATE * 0.30), 1046.50, 0.55);
        chime(s, (int) (RATE * 0.95), 1318.51, 0.32);
        chime(s, (int) (RATE * 1.25), 1046.50, 0.55);
        return toBytes(s);
    }

    /** The classic ringback: 425 Hz + 480 Hz, 1 s on, 3 s off, quiet. */
    static byte[] ringback() {
        int n = (int) (RATE * 4);
        short[] s = new short[n];
        int on = (int) RATE;
        for (int i = 0; i < on; i++) {
            double t = i / RATE;
            double env = Math.min(1, Math.min(i, on - i) / (RATE * 0.02));
            double v = 0.5 * Math.sin(2 * Math.PI * 425 * t) + 0.5 * Math.sin(2 * Math.PI * 480 * t);
            s[i] = (short) (v * env * 0.18 * Short.MAX_VALUE);
        }
        return toBytes(s);
    }

    private static void chime(short[] s, int start, double hz, double seconds) {
        int len = (int) (RATE * seconds);
        for (int i = 0; i < len && start + i < s.length; i++) {
            double t = i / RATE;
            double attack = Math.min(1, i / (RATE * 0.005));
            double env = attack * Math.exp(-t * 6);
            double v = Math.sin(2 * Math.PI * hz * t) + 0.35 * Math.sin(2 * Math.PI * hz * 2 * t)
                    + 0.12 * Math.sin(2 * Math.PI * hz * 3 * t);
            int mixed = s[start + i] + (int) (v / 1.47 * env * 0.45 * Short.MAX_VALUE);
            s[start + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, mixed));
        }
    }

    private static byte[] toBytes(short[] s) {
        byte[] b = new byte[s.length * 2];
        for (int i = 0; i < s.length; i++) {
            b[2 * i] = (byte) s[i];
            b[2 * i + 1] = (byte) (s[i] >> 8);
        }
        return b;
    }

    @Override
    public void close() {
        stop();
    }
}
