package com.waltalk.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class MediaCodecTest {

    private static final MediaHeader GOLDEN_VIDEO = MediaHeader.video(
            0x0102030405060708L, 0xFFFF_FFFEL, 1_700_000_000_123_456L, 640, 480, "bob");
    private static final String GOLDEN_VIDEO_HEX = ""
            + "01 01 00 03"                 // version 1, kind video, flags 0, peer length 3
            + " 01 02 03 04 05 06 07 08"    // callId
            + " ff ff ff fe"                // seq 4294967294
            + " 00 06 0a 24 18 20 22 40"    // captureMicros 1700000000123456
            + " 02 80 01 e0 00 00 00 00"    // width 640, height 480, reserved
            + " 62 6f 62"                   // "bob"
            + " ff d8 ff d9";               // payload

    private static final MediaHeader GOLDEN_AUDIO =
            MediaHeader.audio(-1L, 7, -42L, 48_000, 2, "alice");
    private static final String GOLDEN_AUDIO_HEX = ""
            + "01 02 00 05"                 // version 1, kind audio, flags 0, peer length 5
            + " ff ff ff ff ff ff ff ff"    // callId -1
            + " 00 00 00 07"                // seq 7
            + " ff ff ff ff ff ff ff d6"    // captureMicros -42
            + " 00 00 bb 80 02 00 00 00"    // sample rate 48000, 2 channels, reserved
            + " 61 6c 69 63 65"             // "alice"
            + " 01 00 ff 7f";               // one stereo sample frame

    @Test
    void encodesGoldenVideoFrame() {
        ByteBuffer encoded = MediaCodec.encode(GOLDEN_VIDEO, payload("ff d8 ff d9"));

        assertThat(Hex.of(encoded)).isEqualTo(GOLDEN_VIDEO_HEX);
    }

    @Test
    void decodesGoldenVideoFrame() throws ProtocolException {
        MediaFrame frame = MediaCodec.decode(ByteBuffer.wrap(Hex.bytes(GOLDEN_VIDEO_HEX)));

        assertThat(frame.header()).isEqualTo(GOLDEN_VIDEO);
        assertThat(Hex.of(frame.payload())).isEqualTo("ff d8 ff d9");
    }

    @Test
    void encodesGoldenAudioFrame() {
        ByteBuffer encoded = MediaCodec.encode(GOLDEN_AUDIO, payload("01 00 ff 7f"));

        assertThat(Hex.of(encoded)).isEqualTo(GOLDEN_AUDIO_HEX);
    }

    @Test
    void decodesGoldenAudioFrame() throws ProtocolException {
        MediaFrame frame = MediaCodec.decode(ByteBuffer.wrap(Hex.bytes(GOLDEN_AUDIO_HEX)));

        assertThat(frame.header()).isEqualTo(GOLDEN_AUDIO);
        assertThat(Hex.of(frame.payload())).isEqualTo("01 00 ff 7f");
    }

    @Test
    void encodeReturnsHeapBufferAtPositionZeroAndLeavesPayloadAlone() {
        ByteBuffer payload = ByteBuffer.allocate(10).put(new byte[] {9, 9, (byte) 0xFF,
            (byte) 0xD8, 1, 2}).flip();
        payload.position(2);

        ByteBuffer encoded = MediaCodec.encode(GOLDEN_VIDEO, payload);

        assertThat(encoded.hasArray()).isTrue();
        assertThat(encoded.position()).isZero();
        assertThat(encoded.limit()).isEqualTo(encoded.capacity()).isEqualTo(35 + 4);
        assertThat(payload.position()).isEqualTo(2);
        assertThat(payload.limit()).isEqualTo(6);
    }

    @Test
    void decodeReadsOnlyRemainingBytesAndKeepsPosition() throws ProtocolException {
        byte[] frame = Hex.bytes(GOLDEN_AUDIO_HEX);
        ByteBuffer message = ByteBuffer.allocate(frame.length + 7);
        message.put(new byte[] {1, 2, 3}).put(frame).put(new byte[] {4, 5, 6, 7});
        message.position(3).limit(3 + frame.length);

        MediaFrame decoded = MediaCodec.decode(message);

        assertThat(decoded.header()).isEqualTo(GOLDEN_AUDIO);
        assertThat(Hex.of(decoded.payload())).isEqualTo("01 00 ff 7f");
        assertThat(message.position()).isEqualTo(3);
        assertThat(message.limit()).isEqualTo(3 + frame.length);
    }

    @Test
    void decodeIgnoresTheBufferByteOrderAndWorksOnDirectAndReadOnlyBuffers()
            throws ProtocolException {
        byte[] frame = Hex.bytes(GOLDEN_VIDEO_HEX);
        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip()
                .order(ByteOrder.LITTLE_ENDIAN);

        assertThat(MediaCodec.decode(direct).header()).isEqualTo(GOLDEN_VIDEO);
        assertThat(MediaCodec.decode(direct.asReadOnlyBuffer()).header()).isEqualTo(GOLDEN_VIDEO);
        assertThat(direct.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void decodedPayloadIsAZeroCopyReadOnlySlice() throws ProtocolException {
        byte[] bytes = Hex.bytes(GOLDEN_VIDEO_HEX);
        MediaFrame frame = MediaCodec.decode(ByteBuffer.wrap(bytes));
        ByteBuffer payload = frame.payload();

        assertThat(payload.isReadOnly()).isTrue();
        assertThat(payload.position()).isZero();
        assertThat(payload.remaining()).isEqualTo(4);
        assertThatThrownBy(() -> payload.put(0, (byte) 0))
                .isInstanceOf(ReadOnlyBufferException.class);

        bytes[bytes.length - 1] = 0x42;  // visible through the frame only if nothing was copied
        assertThat(frame.payload().get(3)).isEqualTo((byte) 0x42);
    }

    @Test
    void headerLengthIs32PlusPeerLength() {
        assertThat(MediaCodec.headerLength("a")).isEqualTo(33);
        assertThat(MediaCodec.headerLength("bob")).isEqualTo(35);
        assertThat(MediaCodec.headerLength("x".repeat(32))).isEqualTo(64);
        assertThatIllegalArgumentException().isThrownBy(() -> MediaCodec.headerLength("a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> MediaCodec.headerLength(""));
    }

    @Test
    void writeHeaderWritesBigEndianAtPositionAndAdvances() {
        ByteBuffer dst = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
        dst.position(5);

        MediaCodec.writeHeader(GOLDEN_VIDEO, 4, dst);
        dst.put(Hex.bytes("ff d8 ff d9"));

        assertThat(dst.position()).isEqualTo(5 + 35 + 4);
        assertThat(dst.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(Hex.of(dst.flip().position(5))).isEqualTo(GOLDEN_VIDEO_HEX);
    }

    @Test
    void writeHeaderWritesNothingWhenThereIsNoRoom() {
        ByteBuffer dst = ByteBuffer.allocate(34);

        assertThatThrownBy(() -> MediaCodec.writeHeader(GOLDEN_VIDEO, 4, dst))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(dst.position()).isZero();
        assertThat(dst.array()).containsOnly(0);
    }

    @Test
    void writeHeaderRejectsInvalidPayloadLengths() {
        ByteBuffer dst = ByteBuffer.allocate(100);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaCodec.writeHeader(GOLDEN_VIDEO, 0, dst));
        assertThatIllegalArgumentException().isThrownBy(
                () -> MediaCodec.writeHeader(GOLDEN_VIDEO, Limits.MAX_VIDEO_PAYLOAD + 1, dst));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaCodec.writeHeader(GOLDEN_AUDIO, 6, dst));
        assertThat(dst.position()).isZero();
    }

    @Test
    void writeHeaderRejectsReadOnlyDestination() {
        ByteBuffer dst = ByteBuffer.allocate(100).asReadOnlyBuffer();

        assertThatThrownBy(() -> MediaCodec.writeHeader(GOLDEN_VIDEO, 4, dst))
                .isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void encodeRejectsPayloadsTheDecoderWouldReject() {
        MediaHeader mono = MediaHeader.audio(1, 1, 1, 8000, 1, "bob");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaCodec.encode(GOLDEN_VIDEO, ByteBuffer.allocate(0)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaCodec.encode(GOLDEN_VIDEO, payload("00 d8 ff d9")));
        assertThatIllegalArgumentException().isThrownBy(() -> MediaCodec.encode(GOLDEN_VIDEO,
                ByteBuffer.wrap(RawFrame.jpeg(Limits.MAX_VIDEO_PAYLOAD + 1))));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaCodec.encode(mono, ByteBuffer.allocate(3)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaCodec.encode(GOLDEN_AUDIO, ByteBuffer.allocate(6)));
        assertThatIllegalArgumentException().isThrownBy(() -> MediaCodec.encode(mono,
                ByteBuffer.allocate(Limits.MAX_AUDIO_PAYLOAD + 2)));
    }

    @Test
    void largestPayloadsRoundTrip() throws ProtocolException {
        MediaHeader mono = MediaHeader.audio(1, 1, 1, 8000, 1, "bob");
        ByteBuffer video = ByteBuffer.wrap(RawFrame.jpeg(Limits.MAX_VIDEO_PAYLOAD));
        ByteBuffer audio = ByteBuffer.allocate(Limits.MAX_AUDIO_PAYLOAD);

        assertThat(MediaCodec.decode(MediaCodec.encode(GOLDEN_VIDEO, video)))
                .isEqualTo(new MediaFrame(GOLDEN_VIDEO, video));
        assertThat(MediaCodec.decode(MediaCodec.encode(mono, audio)))
                .isEqualTo(new MediaFrame(mono, audio));
    }

    /** Transports size their buffers with it: the largest frame is exactly that long (PROTOCOL.md). */
    @Test
    void theLargestFrameIsMaxMediaMessageBytes() {
        MediaHeader longestPeer = MediaHeader.video(1, 1, 1, 640, 480,
                "p".repeat(Limits.MAX_USER_NAME_BYTES));
        ByteBuffer video = ByteBuffer.wrap(RawFrame.jpeg(Limits.MAX_VIDEO_PAYLOAD));

        assertThat(MediaCodec.encode(longestPeer, video).remaining())
                .isEqualTo(Limits.MAX_MEDIA_MESSAGE_BYTES).isEqualTo(262_208);
    }

    @Test
    void relayCanRestampPeerWithOnePayloadCopy() throws ProtocolException {
        MediaFrame received = MediaCodec.decode(ByteBuffer.wrap(Hex.bytes(GOLDEN_AUDIO_HEX)));
        MediaHeader stamped = received.header().withPeer("carol");

        ByteBuffer out = ByteBuffer.allocateDirect(
                MediaCodec.headerLength("carol") + received.payloadLength());
        MediaCodec.writeHeader(stamped, received.payloadLength(), out);
        out.put(received.payload()).flip();

        assertThat(MediaCodec.decode(out)).isEqualTo(new MediaFrame(stamped, received.payload()));
    }

    private static ByteBuffer payload(String hex) {
        return ByteBuffer.wrap(Hex.bytes(hex));
    }
}
