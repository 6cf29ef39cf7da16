package com.waltalk.protocol.media;

import com.waltalk.protocol.Limits;
import java.nio.ByteBuffer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid media headers and frames, and of raw random bytes. */
final class MediaArbitraries {

    private MediaArbitraries() {
    }

    static Arbitrary<String> userNames() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("_.-")
                .ofMinLength(1).ofMaxLength(Limits.MAX_USER_NAME_BYTES);
    }

    static Arbitrary<MediaHeader> headers() {
        return Arbitraries.oneOf(videoHeaders(), audioHeaders());
    }

    static Arbitrary<MediaHeader> videoHeaders() {
        Arbitrary<Integer> dimension = Arbitraries.integers()
                .between(1, Limits.MAX_VIDEO_DIMENSION);
        return Combinators.combine(Arbitraries.longs(), seqs(), Arbitraries.longs(), dimension,
                dimension, userNames()).as(MediaHeader::video);
    }

    static Arbitrary<MediaHeader> audioHeaders() {
        Arbitrary<Integer> rate = Arbitraries.integers()
                .between(Limits.MIN_SAMPLE_RATE, Limits.MAX_SAMPLE_RATE);
        Arbitrary<Integer> channels = Arbitraries.integers().between(1, Limits.MAX_CHANNELS);
        return Combinators.combine(Arbitraries.longs(), seqs(), Arbitraries.longs(), rate,
                channels, userNames()).as(MediaHeader::audio);
    }

    /** Valid frames; payload sizes span the whole allowed range, biased towards small. */
    static Arbitrary<MediaFrame> frames() {
        return headers().flatMap(h -> payloadsFor(h).map(p -> new MediaFrame(h, p)));
    }

    static Arbitrary<ByteBuffer> payloadsFor(MediaHeader header) {
        if (header.kind() == MediaKind.VIDEO_JPEG) {
            return randomBytes(2, Limits.MAX_VIDEO_PAYLOAD).map(b -> {
                b[0] = (byte) 0xFF;
                b[1] = (byte) 0xD8;
                return ByteBuffer.wrap(b);
            });
        }
        int sampleFrame = 2 * header.channels();
        return Arbitraries.integers().between(1, Limits.MAX_AUDIO_PAYLOAD / sampleFrame)
                .flatMap(k -> randomBytes(k * sampleFrame, k * sampleFrame))
                .map(ByteBuffer::wrap);
    }

    /**
     * Random byte arrays. Filled from the random source in one call rather than element by
     * element, which keeps 70 000-byte arrays cheap (they do not shrink byte-wise).
     */
    static Arbitrary<byte[]> randomBytes(int minLength, int maxLength) {
        return Arbitraries.integers().between(minLength, maxLength)
                .flatMap(n -> Arbitraries.randomValue(random -> {
                    byte[] bytes = new byte[n];
                    random.nextBytes(bytes);
                    return bytes;
                }));
    }

    private static Arbitrary<Long> seqs() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFFL);
    }
}
