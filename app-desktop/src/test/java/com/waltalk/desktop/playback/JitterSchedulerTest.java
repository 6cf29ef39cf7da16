package com.waltalk.desktop.playback;

import static com.waltalk.desktop.playback.PlayoutSimulation.packet;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.playback.PlayoutSimulation.Arrival;
import com.waltalk.desktop.playback.PlayoutSimulation.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The jitter scheduler on a simulated clock. */
class JitterSchedulerTest {

    private static final long MAX_AHEAD = JitterScheduler.MAX_AHEAD;

    @Property(tries = 200)
    void scheduledAudioNeverRunsMoreThan150msAheadOfWhatIsHeard(
            @ForAll @DoubleRange(min = -0.01, max = 0.01) double drift,
            @ForAll @LongRange(min = 0, max = 200_000) long baseDelay,
            @ForAll @LongRange(min = 0, max = 400_000) long jitter,
            @ForAll @DoubleRange(min = 0, max = 0.3) double loss,
            @ForAll @DoubleRange(min = 0, max = 0.2) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 0.2) double reorder,
            @ForAll @DoubleRange(min = 0, max = 0.05) double stallChance,
            @ForAll @LongRange(min = 0, max = 1_000_000) long stall,
            @ForAll @IntRange(min = 1, max = 1_500) int packets,
            @ForAll @LongRange(min = 0, max = 3_000) long timestampJitter,
            @ForAll long seed) {
        Network network = new Network(drift, baseDelay, jitter, loss, duplicate, reorder, stallChance, stall, seed,
                timestampJitter);
        List<Arrival> arrivals = network.arrivals(packets);
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, packets * 20_000L + 2_000_000);

        assertThat(sim.maxAheadSamples).isLessThanOrEqualTo(MAX_AHEAD);
        assertThat(sim.deviceStarved).as("the device always had audio or silence to play").isFalse();
        PlaybackStats s = sim.stats();
        assertThat(s.played() + s.late() + s.duplicates() + s.droppedExcess() + s.shrinkDrops())
                .as("every packet is played or counted as dropped, exactly once").isEqualTo(sim.offered);
        List<Long> order = sim.playedOrder();
        assertThat(order).as("played in sequence order, none twice").isSorted().doesNotHaveDuplicates();
        assertThat(order).hasSize((int) s.played());
        assertThat(sim.worstClick()).as("no step without a fade: %s", sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    /**
     * A steady network (30 ms + up to {@code jitter}), then {@code burstMillis} of heavy jitter (up to
     * {@code burstJitter} more) that costs underruns and raises the delay, then steady again. Five
     * seconds after the burst the delay is back within one packet (20 ms) plus the steady jitter of
     * what it was before. The coverage check makes sure a good share of tries really raised the delay first:
     * ~35 % do; with 200 tries, fewer than 20 % is 4.5 standard deviations away (60 tries and 25 % failed a CI
     * run at 23 %).
     */
    @Property(tries = 200)
    void afterABurstOfJitterRaisedTheDelayItReturnsNearTheStartDelayOnceTheNetworkIsSteady(
            @ForAll @IntRange(min = 300, max = 3_000) int burstMillis,
            @ForAll @LongRange(min = 40_000, max = 120_000) long burstJitter,
            @ForAll @LongRange(min = 0, max = 10_000) long jitter,
            @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Arrival> arrivals = new ArrayList<>();
        long burstFrom = 2_000_000;
        long burstTo = burstFrom + burstMillis * 1_000L;
        int packets = (int) ((burstTo + 8_000_000) / 20_000);
        for (long k = 0; k < packets; k++) {
            long sent = k * 20_000;
            long at = sent + 30_000 + (jitter == 0 ? 0 : (long) (random.nextDouble() * jitter));
            if (sent >= burstFrom && sent < burstTo) {
                at += (long) (random.nextDouble() * burstJitter);
            }
            arrivals.add(new Arrival(at, packet(k)));
        }
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, packets * 20_000L + 1_000_000);
        PlaybackStats s = sim.stats();

        double before = sim.delayMillis(50);
        long settledFrom = burstTo / 20_000 + 250; // 5 s after the burst
        double raised = LongStream.range(burstFrom / 20_000, settledFrom).filter(sim.startedAt::containsKey)
                .mapToDouble(sim::delayMillis).max().orElseThrow();
        Statistics.label("delay raised by ≥ 20 ms").collect(raised >= before + 20);
        Statistics.label("delay raised by ≥ 20 ms").coverage(c -> c.check(true).percentage(p -> p >= 20));
        for (long k = settledFrom; k < packets; k++) {
            if (!sim.startedAt.containsKey(k)) {
                continue; // dropped to shrink (counted below)
            }
            assertThat(sim.delayMillis(k)).as("delay of packet %d (before the burst: %.1f ms, highest: %.1f ms; %s)",
                    k, before, raised, s).isLessThanOrEqualTo(before + 20 + jitter / 1000.0);
        }
        assertThat(s.played() + s.late() + s.droppedExcess() + s.shrinkDrops()).isEqualTo(packets);
        assertThat(sim.maxAheadSamples).isLessThanOrEqualTo(MAX_AHEAD);
        assertThat(sim.playedOrder()).isSorted().doesNotHaveDuplicates();
        assertThat(sim.worstClick()).as(sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    @Test
    void shrinkingNeverMakesAPacketLateOnASteadyNetworkAndDropsTheQuietestAtHand() {
        // 40 ms jitter-free stall at 2 s → one underrun, ~+50 ms; every third packet afterwards is quiet.
        List<Arrival> arrivals = new ArrayList<>();
        int packets = 500;
        for (long k = 0; k < packets; k++) {
            long at = k * 20_000 + 30_000;
            if (k >= 100 && k < 103) {
                at = 2_080_000;
            }
            short value = k > 103 && k % 3 == 0 ? (short) 5 : (short) (1_000 + k);
            arrivals.add(new Arrival(at, packet(k, 0, value)));
        }
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, packets * 20_000L + 1_000_000);
        PlaybackStats s = sim.stats();
        assertThat(s.underruns()).isEqualTo(1);
        assertThat(s.late() + s.reanchors() + s.concealed()).as("%s", s).isZero();
        assertThat(s.shrinkDrops()).as("%s", s).isBetween(1L, 3L);
        List<Long> dropped = LongStream.range(0, packets).filter(k -> !sim.startedAt.containsKey(k)).boxed().toList();
        assertThat(dropped).hasSize((int) s.shrinkDrops()).allSatisfy(k -> assertThat(k % 3).isZero());
        assertThat(sim.delayMillis(packets - 1)).isBetween(sim.delayMillis(50), sim.delayMillis(50) + 20);
    }

    /** Timestamps off the 20 ms grid by up to ±2 ms (a wobbly sender clock): nothing is lost. */
    @Property(tries = 40)
    void timestampsJitteredBy2msLoseNoPackets(
            @ForAll @LongRange(min = 0, max = 15_000) long networkJitter,
            @ForAll @LongRange(min = 0, max = 2_000) long timestampJitter,
            @ForAll long seed) {
        Network network = new Network(0, 30_000, networkJitter, 0, 0, 0, 0, 0, seed, timestampJitter);
        PlayoutSimulation sim = new PlayoutSimulation().run(network.arrivals(1_000), 22_000_000);
        PlaybackStats s = sim.stats();
        assertThat(s.played()).as("%s", s).isEqualTo(1_000);
        assertThat(s.late() + s.concealed() + s.underruns() + s.reanchors()).as("%s", s).isZero();
        assertThat(sim.playedOrder()).containsExactlyElementsOf(LongStream.range(0, 1_000).boxed().toList());
        assertThat(sim.worstClick()).as(sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    @Test
    void reorderedPacketsWithJitteredTimestampsStillPlayBackToBack() {
        java.util.Random random = new java.util.Random(11);
        List<Arrival> arrivals = new ArrayList<>();
        for (long k = 0; k < 300; k++) {
            long at = k * 20_000 + 30_000 - (k % 2 == 1 ? 25_000 : 0); // odd ones overtake
            long error = Math.round((random.nextDouble() * 2 - 1) * 2_000);
            arrivals.add(new Arrival(at, packet(k, error, (short) (1_000 + k))));
        }
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, 7_000_000);
        PlaybackStats s = sim.stats();
        assertThat(s.played()).as("%s", s).isEqualTo(300);
        assertThat(s.late() + s.concealed()).as("%s", s).isZero();
        for (long k = 1; k < 300; k++) {
            assertThat(sim.startedAt.get(k) - sim.startedAt.get(k - 1)).as("packet %d right after %d", k, k - 1)
                    .isEqualTo(320);
        }
        assertThat(sim.worstClick()).as(sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    @Test
    void aSteadyStreamPlaysEveryPacketBackToBackAtTheStartDelay() {
        PlayoutSimulation sim = new PlayoutSimulation().run(Network.perfect().arrivals(500), 12_000_000);
        PlaybackStats s = sim.stats();
        assertThat(s.played()).isEqualTo(500);
        assertThat(s.late() + s.concealed() + s.reanchors() + s.underruns() + s.duplicates()).isZero();
        assertThat(sim.playedOrder()).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
        // First packet arrives at 30 ms and is placed 60 ms after the play position then.
        int first = firstNonZero(sim.output);
        assertThat(first).isEqualTo((30 + JitterScheduler.START_DELAY_MILLIS) * 16);
        // Continuous: one fade-in at the start, one fade-out at the end, nothing in between.
        for (int i = first + JitterScheduler.FADE_SAMPLES; i < first + 500 * 320 - JitterScheduler.FADE_SAMPLES; i++) {
            assertThat(sim.output[i]).isEqualTo((short) ((i - first) / 320 + 1_000));
        }
        assertThat(sim.maxAheadSamples).isEqualTo(JitterScheduler.samples(JitterScheduler.START_DELAY_MILLIS + 20));
    }

    @Test
    void aBurstAfterAStallIsClampedTo150msAndReanchorsNearThePlayPosition() {
        List<Arrival> arrivals = new ArrayList<>();
        for (long k = 0; k < 50; k++) {
            arrivals.add(new Arrival(k * 20_000 + 10_000, packet(k)));
        }
        // Packets 50..99 are held for 1 s and then arrive all at once.
        for (long k = 50; k < 100; k++) {
            arrivals.add(new Arrival(2_000_000, packet(k)));
        }
        for (long k = 100; k < 150; k++) {
            arrivals.add(new Arrival(k * 20_000 + 10_000, packet(k)));
        }
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, 4_000_000);
        PlaybackStats s = sim.stats();
        assertThat(sim.maxAheadSamples).isLessThanOrEqualTo(MAX_AHEAD);
        assertThat(s.reanchors()).isPositive();
        assertThat(s.droppedExcess()).isPositive();
        assertThat(s.underruns()).isEqualTo(1);
        assertThat(sim.playedOrder()).isSorted();
        // The newest packet of the burst plays soon: within 150 ms of its arrival, not after the backlog.
        int at99 = indexOfValue(sim.output, (short) 1_099);
        assertThat(at99).isBetween(2_000 * 16, (2_000 + 150) * 16);
        // Afterwards the stream runs on time again, with no further drops.
        assertThat(sim.playedOrder()).containsSubsequence(LongStream.range(100, 150).boxed().toList());
        assertThat(sim.worstClick()).as(sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    @Test
    void thePacketStartListenerHearsEachPlayedPacketOnceInPlayOrderWithItsCaptureTime() {
        List<Arrival> arrivals = new ArrayList<>();
        for (long k = 0; k < 60; k++) {
            if (k == 20) {
                continue; // lost: concealed, never started
            }
            long at = k * 20_000 + 30_000 - (k % 2 == 1 ? 25_000 : 0); // odd ones overtake
            arrivals.add(new Arrival(at, packet(k)));
            if (k % 10 == 0) {
                arrivals.add(new Arrival(at + 7_000, packet(k))); // duplicate: dropped, never started
            }
        }
        PlayoutSimulation sim = new PlayoutSimulation();
        List<long[]> started = new ArrayList<>();
        sim.scheduler.setPacketStartListener((seq, captureMicros) -> started.add(new long[] {seq, captureMicros}));
        sim.run(arrivals, 2_000_000);

        List<Long> expected = LongStream.range(0, 60).filter(k -> k != 20).boxed().toList();
        assertThat(started).extracting(x -> x[0]).containsExactlyElementsOf(expected);
        assertThat(started).allSatisfy(x -> assertThat(x[1]).isEqualTo(packet(x[0]).captureMicros()));
        assertThat(sim.stats().played()).isEqualTo(started.size());
    }

    @Test
    void reorderedPacketsWithinTheWindowPlayInOrderAndDuplicatesAreDropped() {
        List<Arrival> arrivals = new ArrayList<>();
        for (long k = 0; k < 100; k++) {
            long at = k * 20_000 + 30_000;
            // Odd packets overtake their predecessor by 5 ms.
            if (k % 2 == 1) {
                at -= 25_000;
            }
            arrivals.add(new Arrival(at, packet(k)));
            if (k % 10 == 0) {
                arrivals.add(new Arrival(at + 7_000, packet(k)));
            }
        }
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, 3_000_000);
        PlaybackStats s = sim.stats();
        assertThat(sim.playedOrder()).containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
        assertThat(s.duplicates()).isEqualTo(10);
        assertThat(s.late() + s.concealed()).isZero();
    }

    @Test
    void lostAndLatePacketsAreConcealedWithFadedSilence() {
        List<Arrival> arrivals = new ArrayList<>();
        for (long k = 0; k < 100; k++) {
            long at = k * 20_000 + 5_000;
            if (k == 30 || k == 31 || k == 60) {
                continue; // lost
            }
            if (k == 70) {
                at += 200_000; // far too late
            }
            arrivals.add(new Arrival(at, packet(k)));
        }
        PlayoutSimulation sim = new PlayoutSimulation().run(arrivals, 3_000_000);
        PlaybackStats s = sim.stats();
        assertThat(s.late()).isEqualTo(1);
        assertThat(s.concealed()).isEqualTo(4);
        assertThat(s.played()).isEqualTo(96);
        assertThat(s.underruns() + s.reanchors()).isZero();
        // Silence exactly where 30 and 31 belonged; 29 faded out and 32 faded in around it.
        int start29 = indexOfValue(sim.output, (short) 1_029);
        int gap = start29 + 320;
        for (int i = gap; i < gap + 640; i++) {
            assertThat(sim.output[i]).isZero();
        }
        assertThat(sim.output[gap - 1]).isZero();
        assertThat(sim.output[gap - JitterScheduler.FADE_SAMPLES - 1]).isEqualTo((short) 1_029);
        assertThat(sim.output[gap + 640]).isBetween((short) 1, (short) 100);
        assertThat(sim.worstClick()).as(sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    @Test
    void aFastSenderClockIsPulledBackByReanchoring() {
        Network fast = new Network(0.01, 20_000, 10_000, 0, 0, 0, 0, 0, 7);
        PlayoutSimulation sim = new PlayoutSimulation().run(fast.arrivals(3_000), 62_000_000);
        PlaybackStats s = sim.stats();
        assertThat(sim.maxAheadSamples).isLessThanOrEqualTo(MAX_AHEAD);
        // 1 % of 60 s = 600 ms surplus; each re-anchor removes up to ~130 ms.
        assertThat(s.reanchors()).isBetween(3L, 12L);
        assertThat(s.played()).isGreaterThan(2_900);
    }

    @Test
    void aSlowSenderClockRecoversFromUnderruns() {
        Network slow = new Network(-0.01, 20_000, 10_000, 0, 0, 0, 0, 0, 7);
        PlayoutSimulation sim = new PlayoutSimulation().run(slow.arrivals(3_000), 63_000_000);
        PlaybackStats s = sim.stats();
        // 1 % of 60 s = 600 ms missing; each restart buys START_DELAY minus the device lead (~20 ms).
        assertThat(s.underruns()).isBetween(1L, 35L);
        assertThat(s.played() + s.late()).isEqualTo(3_000);
        assertThat(s.played()).isGreaterThan(2_950);
        assertThat(sim.worstClick()).as(sim.aroundWorstClick()).isLessThanOrEqualTo(0);
    }

    @Test
    void sequenceNumbersWrapAround() {
        JitterScheduler s = new JitterScheduler();
        long base = 0xFFFF_FFFEL;
        short[] out = new short[16_000];
        for (int k = 0; k < 6; k++) {
            AudioPacketFactory.offer(s, (base + k) & 0xFFFF_FFFFL, k, k * 320L);
            s.render(out, k * 320, 320);
        }
        s.render(out, 6 * 320, out.length - 6 * 320);
        assertThat(s.stats(16_000).played()).isEqualTo(6);
        assertThat(s.stats(16_000).late() + s.stats(16_000).duplicates()).isZero();
    }

    private static int firstNonZero(short[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfValue(short[] x, short v) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static final class AudioPacketFactory {
        static void offer(JitterScheduler s, long seq, int index, long playPosition) {
            com.waltalk.desktop.media.AudioPacket p = packet(index);
            s.offer(new com.waltalk.desktop.media.AudioPacket(seq, p.captureMicros(), p.pcm()), playPosition);
        }
    }
}
