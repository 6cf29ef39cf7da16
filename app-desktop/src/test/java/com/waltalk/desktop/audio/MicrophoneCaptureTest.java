package com.waltalk.desktop.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.desktop.media.AudioPacket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The microphone through javax.sound on the ALSA file device: a known signal in, packets out. */
class MicrophoneCaptureTest {

    private static final double LEFT_HZ = 1_000;
    private static final double RIGHT_HZ = 2_500;
    private static final double AMPLITUDE = 0.4;

    @BeforeEach
    void alsa() {
        TestAlsa.assumeConfigured();
    }

    @Test
    void theTestDeviceIsListedForCaptureAndPlayback() {
        assertThat(AudioDevices.captureDeviceNames()).isNotEmpty();
        assertThat(AudioDevices.playbackDeviceNames()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {48_000, 44_100})
    void aStereoSignalComesOutAsFoldedResampledTimestamped20msPackets(int rate) throws Exception {
        writeStereoInput(rate, 3);
        Collector collector = new Collector();
        String device = AudioDevices.captureDeviceNames().get(0);
        long before = MicrophoneCapture.epochMicros(Instant.now());
        List<AudioFormat> stereo = List.of(new AudioFormat(rate, 16, 2, true, false));
        try (MicrophoneCapture mic = MicrophoneCapture.start(device, stereo, collector)) {
            assertThat(mic.format().getSampleRate()).isEqualTo(rate);
            collector.await(40);
            assertThat(mic.stats().packetsSent()).isGreaterThanOrEqualTo(40);
            assertThat(mic.stats().inputChannels()).isEqualTo(2);
        }
        List<AudioPacket> packets = collector.packets.subList(0, 40);
        for (int k = 0; k < packets.size(); k++) {
            AudioPacket p = packets.get(k);
            assertThat(p.seq()).isEqualTo(k);
            assertThat(p.pcm()).hasSize(AudioPacket.BYTES_PER_PACKET);
            assertThat(p.captureMicros() - packets.get(0).captureMicros()).isEqualTo(20_000L * k);
        }
        // Anchored to the wall clock: the first packet's time is around when capture started.
        assertThat(packets.get(0).captureMicros()).isBetween(before - 1_000_000, before + 1_000_000);

        // Folded to mono: each channel's tone at half amplitude, in phase with the input delayed by 2.5 ms.
        float[] mono = new float[40 * 320];
        for (int k = 0; k < 40; k++) {
            ByteBuffer b = ByteBuffer.wrap(packets.get(k).pcm()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < 320; i++) {
                mono[k * 320 + i] = b.getShort() / 32768f;
            }
        }
        for (double f : new double[] {LEFT_HZ, RIGHT_HZ}) {
            double[] ampPhase = PolyphaseResamplerTest.fit(mono, f, PolyphaseResampler.GROUP_DELAY_MICROS / 1e6);
            assertThat(20 * Math.log10(ampPhase[0] / (AMPLITUDE / 2))).as("level of %s Hz", f).isBetween(-0.1, 0.1);
            assertThat(ampPhase[1] / (2 * Math.PI * f) * 1e6).as("delay error µs").isBetween(-2.0, 2.0);
        }
        // Level meter: two tones of amplitude 0.2 → RMS 0.2, peak up to 0.4.
        AudioLevel level = collector.levels.get(20);
        assertThat(level.rmsDbfs()).isCloseTo(20 * Math.log10(AMPLITUDE / 2), org.assertj.core.data.Offset.offset(0.3));
        assertThat(level.peakDbfs()).isBetween(20 * Math.log10(AMPLITUDE) - 1.5, 20 * Math.log10(AMPLITUDE) + 0.1);
    }

    @Test
    void mutedSendsNothingButKeepsMeasuringTheLevel() throws Exception {
        writeStereoInput(48_000, 3);
        Collector collector = new Collector();
        try (MicrophoneCapture mic = MicrophoneCapture.start(null, MicrophoneCapture.PREFERRED_FORMATS, true, collector)) {
            assertThat(mic.isMuted()).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (collector.levels.size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            int sentWhileMuted = collector.packets.size();
            assertThat(collector.levels).hasSizeGreaterThanOrEqualTo(20);
            assertThat(mic.stats().muted()).isTrue();
            assertThat(mic.stats().packetsMuted()).isGreaterThanOrEqualTo(20);
            assertThat(sentWhileMuted).isZero();
            assertThat(collector.levels.get(19).rmsDbfs()).as("the meter works while muted").isGreaterThan(-20);
            mic.setMuted(false);
            collector.await(5);
            AudioPacket first = collector.packets.get(0);
            assertThat(first.seq()).as("sequence numbers count sent packets only").isZero();
            // Its timestamp still says when it was captured: after the muted stretch.
            assertThat(first.captureMicros() - firstLevelMicros(mic)).isGreaterThanOrEqualTo(20 * 20_000L - 2_500);
        }
    }

    @Test
    void anUnknownMicrophoneIsAClearError() {
        assertThatThrownBy(() -> MicrophoneCapture.start("No Such Mic [hw:9,9]", new Collector()))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageContaining("No microphone named \"No Such Mic [hw:9,9]\"")
                .hasMessageContaining("Available");
    }

    @Test
    void aFormatTheDeviceCannotOpenIsAClearError() {
        List<AudioFormat> ulaw = List.of(new AudioFormat(AudioFormat.Encoding.ULAW, 8_000, 8, 1, 1, 8_000, false));
        assertThatThrownBy(() -> MicrophoneCapture.start(null, ulaw, new Collector()))
                .isInstanceOf(AudioDeviceException.class)
                .hasMessageContaining("microphone");
    }

    /** Capture time of the first 20 ms the microphone measured (muted or not): frame 0 − filter delay. */
    private static long firstLevelMicros(MicrophoneCapture mic) {
        return mic.frame0Micros() - PolyphaseResampler.GROUP_DELAY_MICROS;
    }

    private static void writeStereoInput(int rate, int seconds) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(rate * seconds * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rate * seconds; i++) {
            b.putShort((short) Math.round(32767 * AMPLITUDE * Math.sin(2 * Math.PI * LEFT_HZ * i / rate)));
            b.putShort((short) Math.round(32767 * AMPLITUDE * Math.sin(2 * Math.PI * RIGHT_HZ * i / rate)));
        }
        Files.write(TestAlsa.captureFile(), b.array());
    }

    static final class Collector implements CaptureListener {
        final List<AudioPacket> packets = new CopyOnWriteArrayList<>();
        final List<AudioLevel> levels = new CopyOnWriteArrayList<>();

        @Override
        public void onPacket(AudioPacket packet) {
            packets.add(packet);
        }

        @Override
        public void onLevel(AudioLevel level) {
            levels.add(level);
        }

        void await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (packets.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(packets).hasSizeGreaterThanOrEqualTo(count);
        }
    }
}
