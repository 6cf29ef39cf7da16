package com.waltalk.desktop.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.desktop.audio.AudioDeviceException;
import com.waltalk.desktop.audio.AudioDevices;
import com.waltalk.desktop.audio.TestAlsa;
import com.waltalk.desktop.media.AudioPacket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incoming audio through the scheduler and a real javax.sound SourceDataLine on the ALSA file
 * device: what reaches the device is read back from the file and checked sample by sample.
 */
class SpeakerPlaybackTest {

    private static final int PACKETS = 100; // 2 s
    private static final double HZ = 440;
    private static final double AMPLITUDE = 8_000;

    @BeforeEach
    void alsa() throws Exception {
        TestAlsa.assumeConfigured();
        TestAlsa.playbackFile(); // creates its directory: ALSA cannot write the file without it
    }

    @Test
    void packetsSentInRealTimeComeOutIntactInOrderWithin150ms() throws Exception {
        String device = AudioDevices.playbackDeviceNames().get(0);
        long[] offeredAt = new long[PACKETS];
        PlaybackStats stats;
        try (SpeakerPlayback speaker = SpeakerPlayback.start(device)) {
            assertThat(speaker.deviceName()).isEqualTo(device);
            Thread.sleep(100);
            long t0 = System.nanoTime();
            for (int k = 0; k < PACKETS; k++) {
                long due = t0 + k * 20_000_000L;
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                offeredAt[k] = speaker.playPosition();
                speaker.offer(packet(k));
                PlaybackStats s = speaker.stats();
                assertThat(s.bufferMillis()).isLessThanOrEqualTo(JitterScheduler.MAX_AHEAD_MILLIS);
            }
            Thread.sleep(300);
            stats = speaker.stats();
            assertThat(speaker.failure()).isNull();
        }
        short[] out = readPlayback();
        // The device was fed continuously (silence before and after), paced to real time.
        assertThat(out.length).isBetween(16 * 2_300, 16 * 3_400);

        List<Integer> found = new ArrayList<>();
        int searchFrom = 0;
        for (int k = 0; k < PACKETS; k++) {
            int at = find(out, packet(k), searchFrom);
            if (at >= 0) {
                found.add(k);
                // Heard no more than 150 ms after it arrived (1 ms for reading the position before offering).
                long latency = at - offeredAt[k];
                assertThat(latency).as("latency of packet %d in samples", k).isBetween(0L, 2_400L - 320 + 16);
                searchFrom = at + 320 - JitterScheduler.FADE_SAMPLES;
            }
        }
        assertThat(found.size()).as("packets found in the device output").isEqualTo((int) stats.played());
        // On an idle machine nothing is lost; under load a late packet is allowed to be concealed.
        assertThat(stats.played()).isGreaterThanOrEqualTo(PACKETS - 5);
        assertThat(stats.played() + stats.late() + stats.droppedExcess()).isEqualTo(PACKETS);
        // Continuity: no step larger than the sine's own steepest step or a fade's.
        double sineStep = AMPLITUDE * 2 * Math.PI * HZ / 16_000;
        for (int i = 1; i < out.length; i++) {
            assertThat(Math.abs(out[i] - out[i - 1])).as("step at %d", i).isLessThanOrEqualTo((int) (sineStep + 2));
        }
    }

    @Test
    void packetWrittenListenersHearEachPlayedPacketOnceInOrderAfterItWasOffered() throws Exception {
        String device = AudioDevices.playbackDeviceNames().get(0);
        int packets = 50;
        long[] offeredNanos = new long[packets];
        List<long[]> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        PlaybackStats stats;
        try (SpeakerPlayback speaker = SpeakerPlayback.start(device)) {
            speaker.addPacketWrittenListener((seq, captureMicros, nanos) -> {
                written.add(new long[] {seq, captureMicros, nanos});
                threads.add(Thread.currentThread().getName());
            });
            SpeakerPlayback.PacketWrittenListener removed = (seq, micros, nanos) -> written.add(new long[] {-1, 0, 0});
            speaker.addPacketWrittenListener(removed);
            speaker.removePacketWrittenListener(removed);
            long t0 = System.nanoTime();
            for (int k = 0; k < packets; k++) {
                long due = t0 + k * 20_000_000L;
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                offeredNanos[k] = System.nanoTime();
                speaker.offer(packet(k));
            }
            Thread.sleep(300);
            stats = speaker.stats();
        }
        assertThat(written).hasSize((int) stats.played());
        assertThat(stats.played()).isGreaterThanOrEqualTo(packets - 5);
        assertThat(threads).containsOnly("speaker");
        long previousSeq = -1;
        for (long[] w : written) {
            int k = (int) w[0];
            assertThat(k).isGreaterThan((int) previousSeq);
            previousSeq = k;
            assertThat(w[1]).isEqualTo(packet(k).captureMicros());
            // written after it was offered, and (the 150 ms clamp) not much later
            assertThat(w[2] - offeredNanos[k]).as("offer -> written of packet %d, ns", k)
                    .isPositive().isLessThan(JitterScheduler.MAX_AHEAD_MILLIS * 1_000_000L);
        }
    }

    @Test
    void anUnknownSpeakerIsAClearError() {
        assertThatThrownBy(() -> SpeakerPlayback.start("No Such Speaker"))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageContaining("No speaker named \"No Such Speaker\"");
    }

    /** Packet k: the k-th 20 ms of one continuous 440 Hz sine. */
    private static AudioPacket packet(int k) {
        ByteBuffer b = ByteBuffer.allocate(AudioPacket.BYTES_PER_PACKET).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 320; i++) {
            b.putShort((short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * HZ * (k * 320 + i) / 16_000)));
        }
        return new AudioPacket(k, 1_763_700_000_000_000L + k * 20_000L, b.array());
    }

    /** Where the packet's unfaded middle appears in the output, as the packet's start index; -1 if absent. */
    private static int find(short[] out, AudioPacket p, int from) {
        short[] s = new short[320];
        ByteBuffer.wrap(p.pcm()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        int f = JitterScheduler.FADE_SAMPLES;
        outer:
        for (int i = Math.max(from, 0); i + 320 <= out.length; i++) {
            for (int j = f; j < 320 - f; j++) {
                if (out[i + j] != s[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static short[] readPlayback() throws Exception {
        byte[] raw = Files.readAllBytes(TestAlsa.playbackFile());
        short[] s = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }
}
