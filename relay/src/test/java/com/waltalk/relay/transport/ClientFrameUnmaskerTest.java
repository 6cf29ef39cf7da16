package com.waltalk.relay.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.java_websocket.exceptions.InvalidFrameException;
import org.junit.jupiter.api.Test;

class ClientFrameUnmaskerTest {

    private record Frame(int firstByte, byte[] payload, int key) {
    }

    @Property(tries = 300)
    void anyStreamSplitAnywhereComesOutAsTheUnmaskedStream(@ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 12) int frames,
                                                           @ForAll @IntRange(min = 1, max = 40) int splits) {
        Random random = new Random(seed);
        List<Frame> list = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            int size = switch (random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> random.nextInt(126);
                case 2 -> 126 + random.nextInt(10);
                case 3 -> 65_535 + random.nextInt(3);
                case 4 -> random.nextInt(40_000);
                default -> random.nextInt(20);
            };
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            list.add(new Frame((random.nextBoolean() ? 0x80 : 0) | (random.nextBoolean() ? 2 : 9), payload,
                    random.nextInt()));
        }
        byte[] masked = encode(list, true);
        byte[] expected = encode(list, false);

        ClientFrameUnmasker unmasker = new ClientFrameUnmasker();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] cuts = random.ints(splits, 0, masked.length + 1).sorted().toArray();
        int from = 0;
        for (int cut : cuts) {
            feed(unmasker, masked, from, cut, out, random);
            from = cut;
        }
        feed(unmasker, masked, from, masked.length, out, random);
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @Test
    void anUnmaskedClientFrameIsRejected() {
        byte[] unmasked = encode(List.of(new Frame(0x82, new byte[] {1, 2, 3}, 0)), false);
        assertThatThrownBy(() -> new ClientFrameUnmasker().unmask(ByteBuffer.wrap(unmasked)))
                .isInstanceOf(InvalidFrameException.class).hasMessageContaining("masked");
    }

    @Test
    void aLengthOver2To63IsRejected() {
        byte[] header = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        assertThatThrownBy(() -> new ClientFrameUnmasker().unmask(ByteBuffer.wrap(header)))
                .isInstanceOf(InvalidFrameException.class);
    }

    /** Feeds bytes [from, to) as the server would: inside a larger buffer at some position. */
    private static void feed(ClientFrameUnmasker unmasker, byte[] stream, int from, int to,
                             ByteArrayOutputStream out, Random random) {
        if (from == to) {
            return;
        }
        int before = random.nextInt(5);
        ByteBuffer in = ByteBuffer.allocate(before + (to - from) + random.nextInt(5));
        in.position(before);
        in.put(stream, from, to - from);
        in.limit(in.position()).position(before);
        try {
            ByteBuffer result = unmasker.unmask(in);
            if (result != in) {
                assertThat(in.hasRemaining()).as("input consumed when copied").isFalse();
            }
            byte[] bytes = new byte[result.remaining()];
            result.get(bytes);
            out.writeBytes(bytes);
        } catch (InvalidFrameException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] encode(List<Frame> frames, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            int n = f.payload.length;
            out.write(f.firstByte);
            int maskBit = masked ? 0x80 : 0;
            if (n <= 125) {
                out.write(maskBit | n);
            } else if (n <= 0xFFFF) {
                out.write(maskBit | 126);
                out.write(n >>> 8);
                out.write(n & 0xFF);
            } else {
                out.write(maskBit | 127);
                for (int s = 56; s >= 0; s -= 8) {
                    out.write((int) (((long) n) >>> s) & 0xFF);
                }
            }
            byte[] k = {(byte) (f.key >>> 24), (byte) (f.key >>> 16), (byte) (f.key >>> 8), (byte) f.key};
            if (masked) {
                out.write(k, 0, 4);
            }
            for (int i = 0; i < n; i++) {
                out.write(masked ? f.payload[i] ^ k[i & 3] : f.payload[i]);
            }
        }
        return out.toByteArray();
    }
}
