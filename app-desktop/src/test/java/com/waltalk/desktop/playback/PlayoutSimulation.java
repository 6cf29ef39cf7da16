package com.waltalk.desktop.playback;

import com.waltalk.desktop.media.AudioPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Drives a {@link JitterScheduler} the way {@link SpeakerPlayback} does, on a simulated receiver clock:
 * the device plays exactly 16 samples per simulated millisecond, the player tops the device up to
 * {@link #DEVICE_LEAD} every {@link #TICK_MICROS}, and packets are offered at their arrival times.
 * Packet k carries the constant sample value 1000 + k, so the output shows which packet played where.
 * The position at which each packet started playing is recorded ({@link #startedAt}) unless a test
 * replaces the scheduler's start listener.
 */
final class PlayoutSimulation {

    static final long TICK_MICROS = 2_000;
    static final int DEVICE_LEAD = 640;
    static final long SENDER_EPOCH_MICROS = 1_763_700_000_000_000L;
    static final int VALUE_BASE = 1_000;

    record Arrival(long atMicros, AudioPacket packet) {
    }

    final JitterScheduler scheduler = new JitterScheduler();
    short[] output = new short[16_000];
    long maxAheadSamples;
    long offered;
    boolean deviceStarved;
    /** Sequence number → timeline sample where the packet started playing. */
    final Map<Long, Long> startedAt = new HashMap<>();

    PlayoutSimulation() {
        scheduler.setPacketStartListener((seq, captureMicros) -> startedAt.put(seq, scheduler.writePosition()));
    }

    static AudioPacket packet(long k) {
        return packet(k, 0, (short) (VALUE_BASE + k));
    }

    /** Packet k with its timestamp moved by {@code timestampErrorMicros}, every sample {@code value}. */
    static AudioPacket packet(long k, long timestampErrorMicros, short value) {
        byte[] pcm = new byte[AudioPacket.BYTES_PER_PACKET];
        for (int i = 0; i < pcm.length; i += 2) {
            pcm[i] = (byte) value;
            pcm[i + 1] = (byte) (value >> 8);
        }
        return new AudioPacket(k, SENDER_EPOCH_MICROS + k * 20_000 + timestampErrorMicros, pcm);
    }

    /** When packet k started playing minus when it was sent (k × 20 ms), in ms; the whole playout delay. */
    double delayMillis(long k) {
        return startedAt.get(k) / 16.0 - k * 20.0;
    }

    static long playPosition(long micros) {
        return micros * 16 / 1000;
    }

    /** Runs until {@code endMicros}, offering each arrival at its time. */
    PlayoutSimulation run(List<Arrival> arrivals, long endMicros) {
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort(Comparator.comparingLong(Arrival::atMicros));
        int next = 0;
        for (long t = 0; t <= endMicros; t += TICK_MICROS) {
            while (next < sorted.size() && sorted.get(next).atMicros() <= t) {
                Arrival a = sorted.get(next++);
                long p = playPosition(a.atMicros());
                scheduler.offer(a.packet(), p);
                offered++;
                observe(p);
            }
            long p = playPosition(t);
            if (scheduler.writePosition() < p) {
                deviceStarved = true;
            }
            int count = (int) (p + DEVICE_LEAD - scheduler.writePosition());
            if (count > 0) {
                long w = scheduler.writePosition();
                if (w + count > output.length) {
                    output = Arrays.copyOf(output, (int) Math.max(output.length * 2L, w + count));
                }
                scheduler.render(output, (int) w, count);
            }
            observe(p);
        }
        output = Arrays.copyOf(output, (int) scheduler.writePosition());
        return this;
    }

    private void observe(long playPosition) {
        maxAheadSamples = Math.max(maxAheadSamples, scheduler.scheduledAhead(playPosition));
    }

    PlaybackStats stats() {
        return scheduler.stats(scheduler.writePosition());
    }

    /** Packet numbers in the order their (fade-free) middles appear in the output. */
    List<Long> playedOrder() {
        List<Long> order = new ArrayList<>();
        int i = 0;
        while (i < output.length) {
            short v = output[i];
            int j = i;
            while (j < output.length && output[j] == v) {
                j++;
            }
            if (v != 0 && j - i >= AudioPacket.SAMPLES_PER_PACKET - 2 * JitterScheduler.FADE_SAMPLES) {
                order.add(v - (long) VALUE_BASE);
            }
            i = j;
        }
        return order;
    }

    /**
     * Largest step between neighbouring output samples that is not explained by a fade: a fade moves
     * by at most the nearby peak / FADE_SAMPLES (+2 for rounding); packets that follow each other differ by 1.
     */
    long worstClick() {
        long worst = 0;
        for (int i = 1; i < output.length; i++) {
            long a = output[i - 1];
            long b = output[i];
            long step = Math.abs(a - b);
            long peak = 0;
            for (int j = Math.max(0, i - JitterScheduler.FADE_SAMPLES - 1);
                 j < Math.min(output.length, i + JitterScheduler.FADE_SAMPLES + 1); j++) {
                peak = Math.max(peak, Math.abs(output[j]));
            }
            long allowed = peak / JitterScheduler.FADE_SAMPLES + 2;
            if (step - allowed > worst) {
                worst = step - allowed;
                worstClickAt = i;
            }
        }
        return worst;
    }

    int worstClickAt = -1;

    /** The output around the worst click, for failure messages. */
    String aroundWorstClick() {
        worstClick();
        if (worstClickAt < 0) {
            return "no click";
        }
        int from = Math.max(0, worstClickAt - 4);
        return "at " + worstClickAt + ": " + Arrays.toString(Arrays.copyOfRange(output, from, Math.min(output.length, worstClickAt + 4)));
    }

    /**
     * A network: per-packet delay, loss, duplication, reordering, stalls; sender clock drift; a sender
     * whose timestamps are off by up to ± {@code timestampJitterMicros} (uniform) from the 20 ms grid.
     */
    record Network(double drift, long baseDelayMicros, long jitterMicros, double loss, double duplicate,
                   double reorder, double stallChance, long stallMicros, long seed, long timestampJitterMicros) {

        Network(double drift, long baseDelayMicros, long jitterMicros, double loss, double duplicate,
                double reorder, double stallChance, long stallMicros, long seed) {
            this(drift, baseDelayMicros, jitterMicros, loss, duplicate, reorder, stallChance, stallMicros, seed, 0);
        }

        static Network perfect() {
            return new Network(0, 30_000, 0, 0, 0, 0, 0, 0, 1);
        }

        List<Arrival> arrivals(int packets) {
            Random random = new Random(seed);
            List<Arrival> out = new ArrayList<>();
            long stallUntil = -1;
            for (long k = 0; k < packets; k++) {
                long sent = Math.round(k * 20_000 / (1 + drift));
                if (random.nextDouble() < stallChance) {
                    stallUntil = sent + stallMicros;
                }
                if (random.nextDouble() < loss) {
                    continue;
                }
                long at = sent + baseDelayMicros + (jitterMicros == 0 ? 0 : (long) (random.nextDouble() * jitterMicros));
                if (at < stallUntil) {
                    at = stallUntil + k; // a burst: everything held back arrives together, in order
                }
                if (random.nextDouble() < reorder) {
                    at += 20_000 + (long) (random.nextDouble() * 30_000);
                }
                long timestampError = timestampJitterMicros == 0 ? 0
                        : Math.round((random.nextDouble() * 2 - 1) * timestampJitterMicros);
                AudioPacket p = packet(k, timestampError, (short) (VALUE_BASE + k));
                out.add(new Arrival(at, p));
                if (random.nextDouble() < duplicate) {
                    out.add(new Arrival(at + (long) (random.nextDouble() * 60_000), p));
                }
            }
            return out;
        }
    }
}
