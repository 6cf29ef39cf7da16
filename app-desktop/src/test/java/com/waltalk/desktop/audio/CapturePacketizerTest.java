package com.waltalk.desktop.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.media.AudioPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CapturePacketizerTest {

    /** However the line's bytes are split (even mid-frame), the packets are the same. */
    @Property(tries = 30)
    void packetsDoNotDependOnHowReadsSplitTheBytes(@ForAll @IntRange(min = 1, max = 5_000) int chunk,
                                                   @ForAll boolean bigEndian, @ForAll long seed) {
        AudioFormat format = new AudioFormat(44_100, 16, 2, true, bigEndian);
        byte[] bytes = new byte[44_100 / 2 * 4];
        new Random(seed).nextBytes(bytes);
        List<AudioPacket> whole = run(format, bytes, bytes.length);
        List<AudioPacket> split = run(format, bytes, chunk);
        assertThat(whole).hasSize(25);
        assertThat(split).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(split.get(i).pcm()).isEqualTo(whole.get(i).pcm());
            assertThat(split.get(i).captureMicros()).isEqualTo(1_000_000L + i * 20_000L - 2_500);
            assertThat(split.get(i).seq()).isEqualTo(i);
        }
    }

    private static List<AudioPacket> run(AudioFormat format, byte[] bytes, int chunk) {
        List<AudioPacket> out = new ArrayList<>();
        CapturePacketizer p = new CapturePacketizer(format, 1_000_000L, out::add);
        for (int off = 0; off < bytes.length; off += chunk) {
            p.accept(bytes, off, Math.min(chunk, bytes.length - off));
        }
        return out;
    }
}
