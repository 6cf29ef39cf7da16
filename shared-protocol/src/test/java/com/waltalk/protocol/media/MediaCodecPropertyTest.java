package com.waltalk.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

class MediaCodecPropertyTest {

    @Property(tries = 300)
    void decodeInvertsEncode(@ForAll("frames") MediaFrame frame) throws ProtocolException {
        ByteBuffer encoded = MediaCodec.encode(frame.header(), frame.payload());

        assertThat(MediaCodec.decode(encoded)).isEqualTo(frame);
    }

    @Property(tries = 300)
    void encodedSizeIsHeaderPlusPayload(@ForAll("frames") MediaFrame frame) {
        int peerBytes = frame.header().peer().getBytes(StandardCharsets.UTF_8).length;

        ByteBuffer encoded = MediaCodec.encode(frame.header(), frame.payload());

        assertThat(MediaCodec.headerLength(frame.header().peer())).isEqualTo(32 + peerBytes);
        assertThat(encoded.remaining()).isEqualTo(32 + peerBytes + frame.payloadLength());
    }

    @Property(tries = 300)
    void writeHeaderMatchesEncode(@ForAll("headers") MediaHeader header) {
        int payloadLength = header.kind() == MediaKind.VIDEO_JPEG ? 2 : 2 * header.channels();
        ByteBuffer payload = header.kind() == MediaKind.VIDEO_JPEG
                ? ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8})
                : ByteBuffer.allocate(payloadLength);
        ByteBuffer dst = ByteBuffer.allocate(MediaCodec.headerLength(header.peer()));

        MediaCodec.writeHeader(header, payloadLength, dst);

        assertThat(dst.hasRemaining()).isFalse();
        assertThat(MediaCodec.encode(header, payload).limit(dst.capacity()))
                .isEqualTo(dst.flip());
    }

    @Property(tries = 1000)
    void arbitraryBytesDecodeOrFailWithProtocolException(@ForAll("arbitraryMessages") byte[] b) {
        assertDecodesOrRejects(b);
    }

    /** Random bytes behind a plausible preamble, to reach the checks after the first four. */
    @Property(tries = 1000)
    void randomBodiesDecodeOrFailWithProtocolException(
            @ForAll("preambles") byte[] preamble, @ForAll("arbitraryMessages") byte[] body) {
        byte[] message = new byte[preamble.length + body.length];
        System.arraycopy(preamble, 0, message, 0, preamble.length);
        System.arraycopy(body, 0, message, preamble.length, body.length);

        assertDecodesOrRejects(message);
    }

    /**
     * Mutated valid messages never break the decoder, and whatever it accepts is canonical:
     * re-encoding the decoded frame gives back exactly the bytes that were decoded.
     */
    @Property(tries = 2000)
    void mutatedMessagesDecodeOrFailWithProtocolException(
            @ForAll("smallFrames") MediaFrame frame,
            @ForAll @Size(min = 1, max = 4) List<@From("mutations") Mutation> mutations) {
        byte[] valid = toBytes(MediaCodec.encode(frame.header(), frame.payload()));
        byte[] mutated = Mutation.applyAll(mutations, valid);

        MediaFrame decoded = assertDecodesOrRejects(mutated);

        if (decoded != null) {
            assertThat(toBytes(MediaCodec.encode(decoded.header(), decoded.payload())))
                    .isEqualTo(mutated);
        }
    }

    /** Returns the decoded frame, or null if the decoder rejected the message. */
    private static MediaFrame assertDecodesOrRejects(byte[] message) {
        ByteBuffer buffer = ByteBuffer.wrap(message);
        try {
            MediaFrame frame = MediaCodec.decode(buffer);
            Statistics.label("outcome").collect("decoded");
            return frame;
        } catch (ProtocolException expected) {
            Statistics.label("outcome").collect(expected.code().wire());
            return null;
        } finally {
            assertThat(buffer.position()).isZero();
            assertThat(buffer.limit()).isEqualTo(message.length);
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Provide
    Arbitrary<MediaFrame> frames() {
        return MediaArbitraries.frames();
    }

    @Provide
    Arbitrary<MediaHeader> headers() {
        return MediaArbitraries.headers();
    }

    @Provide
    Arbitrary<MediaFrame> smallFrames() {
        return MediaArbitraries.headers().flatMap(h -> {
            int sampleFrame = Math.max(2, 2 * h.channels());
            return MediaArbitraries.randomBytes(1, 64).map(b -> {
                byte[] payload = new byte[Math.max(b.length / sampleFrame, 1) * sampleFrame];
                System.arraycopy(b, 0, payload, 0, Math.min(b.length, payload.length));
                payload[0] = (byte) 0xFF;
                payload[1] = (byte) 0xD8;
                return new MediaFrame(h, ByteBuffer.wrap(payload));
            });
        });
    }

    @Provide
    Arbitrary<byte[]> arbitraryMessages() {
        return MediaArbitraries.randomBytes(0, 70_000);
    }

    @Provide
    Arbitrary<byte[]> preambles() {
        return Arbitraries.integers().between(0, Limits.MAX_USER_NAME_BYTES + 1)
                .flatMap(peerLength -> Arbitraries.of(1, 2).map(kind ->
                        new byte[] {1, kind.byteValue(), 0, peerLength.byteValue()}));
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }
}
