package com.waltalk.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per decoder rejection path, each asserting its specific error code. */
class MediaCodecRejectionTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void messageShorterThanPreambleIsTruncated(int length) {
        byte[] valid = RawFrame.video().toBytes();

        assertRejected(Arrays.copyOf(valid, length), ErrorCode.TRUNCATED);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 20, 31})
    void messageShorterThanFixedHeaderIsTruncated(int length) {
        byte[] valid = RawFrame.video().toBytes();

        assertRejected(Arrays.copyOf(valid, length), ErrorCode.TRUNCATED);
    }

    @Test
    void messageEndingInsidePeerNameIsTruncated() {
        byte[] valid = RawFrame.video().peer("carol").toBytes();

        assertRejected(Arrays.copyOf(valid, 32 + 4), ErrorCode.TRUNCATED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 255})
    void otherVersionIsBadVersion(int version) {
        RawFrame f = RawFrame.video();
        f.version = version;

        assertRejected(f.toBytes(), ErrorCode.BAD_VERSION);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 255})
    void unknownKindIsUnknownKind(int kind) {
        RawFrame f = RawFrame.video();
        f.kind = kind;

        assertRejected(f.toBytes(), ErrorCode.UNKNOWN_KIND);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0x80, 0xFF})
    void nonZeroFlagsAreBadField(int flags) {
        RawFrame f = RawFrame.video();
        f.flags = flags;

        assertRejected(f.toBytes(), ErrorCode.BAD_FIELD);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 33, 255})
    void peerLengthOutOfRangeIsBadUserName(int peerLength) {
        RawFrame f = RawFrame.video().peer("x".repeat(Math.min(peerLength, 40)));
        f.peerLengthOverride = peerLength;

        assertRejected(f.toBytes(), ErrorCode.BAD_USER_NAME);
    }

    @Test
    void invalidUtf8PeerIsBadUserName() {
        assertRejected(RawFrame.video().peerBytes((byte) 0xC3, (byte) 0x28).toBytes(),
                ErrorCode.BAD_USER_NAME);
        assertRejected(RawFrame.video().peerBytes((byte) 0xFF).toBytes(), ErrorCode.BAD_USER_NAME);
    }

    @Test
    void forbiddenCharactersInPeerAreBadUserName() {
        assertRejected(RawFrame.video().peer("a b").toBytes(), ErrorCode.BAD_USER_NAME);
        assertRejected(RawFrame.video().peer("a@b").toBytes(), ErrorCode.BAD_USER_NAME);
        assertRejected(RawFrame.video().peer("zoé").toBytes(), ErrorCode.BAD_USER_NAME);
        assertRejected(RawFrame.video().peerBytes((byte) 'a', (byte) 0).toBytes(),
                ErrorCode.BAD_USER_NAME);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4097, 0xFFFF})
    void videoWidthOutOfRangeIsBadField(int width) {
        RawFrame f = RawFrame.video();
        f.kindFields = RawFrame.videoFields(width, 480);

        assertRejected(f.toBytes(), ErrorCode.BAD_FIELD);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4097, 0xFFFF})
    void videoHeightOutOfRangeIsBadField(int height) {
        RawFrame f = RawFrame.video();
        f.kindFields = RawFrame.videoFields(640, height);

        assertRejected(f.toBytes(), ErrorCode.BAD_FIELD);
    }

    @Test
    void videoDimensionsAtTheLimitsAreAccepted() throws ProtocolException {
        RawFrame f = RawFrame.video();
        f.kindFields = RawFrame.videoFields(1, 4096);

        MediaHeader header = MediaCodec.decode(f.toBuffer()).header();

        assertThat(header.width()).isEqualTo(1);
        assertThat(header.height()).isEqualTo(4096);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6, 7})
    void nonZeroVideoReservedByteIsBadField(int index) {
        RawFrame f = RawFrame.video();
        f.kindFields[index] = 1;

        assertRejected(f.toBytes(), ErrorCode.BAD_FIELD);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7999, 48001, 0xFFFF_FFFFL})
    void sampleRateOutOfRangeIsBadField(long sampleRate) {
        RawFrame f = RawFrame.audio(8000, 1, 2);
        f.kindFields = RawFrame.audioFields(sampleRate, 1);

        assertRejected(f.toBytes(), ErrorCode.BAD_FIELD);
    }

    @Test
    void sampleRatesAtTheLimitsAreAccepted() throws ProtocolException {
        assertThat(MediaCodec.decode(RawFrame.audio(8000, 1, 2).toBuffer()).header().sampleRate())
                .isEqualTo(8000);
        assertThat(MediaCodec.decode(RawFrame.audio(48000, 2, 4).toBuffer()).header().sampleRate())
                .isEqualTo(48000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 255})
    void channelsOutOfRangeIsBadField(int channels) {
        assertRejected(RawFrame.audio(8000, channels, 12).toBytes(), ErrorCode.BAD_FIELD);
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 6, 7})
    void nonZeroAudioReservedByteIsBadField(int index) {
        RawFrame f = RawFrame.audio(8000, 1, 2);
        f.kindFields[index] = (byte) 0x80;

        assertRejected(f.toBytes(), ErrorCode.BAD_FIELD);
    }

    @Test
    void emptyVideoPayloadIsTruncated() {
        assertRejected(RawFrame.video().payload(new byte[0]).toBytes(), ErrorCode.TRUNCATED);
    }

    @Test
    void emptyAudioPayloadIsTruncated() {
        assertRejected(RawFrame.audio(8000, 1, 0).toBytes(), ErrorCode.TRUNCATED);
    }

    @Test
    void videoPayloadWithoutJpegMarkerIsBadField() {
        assertRejected(RawFrame.video().payload(Hex.bytes("89 50 4e 47")).toBytes(),
                ErrorCode.BAD_FIELD);
        assertRejected(RawFrame.video().payload(Hex.bytes("ff d9")).toBytes(),
                ErrorCode.BAD_FIELD);
        assertRejected(RawFrame.video().payload(Hex.bytes("ff")).toBytes(), ErrorCode.BAD_FIELD);
    }

    @Test
    void oddLengthMonoAudioIsBadField() {
        assertRejected(RawFrame.audio(16000, 1, 3).toBytes(), ErrorCode.BAD_FIELD);
    }

    @Test
    void stereoAudioNotWholeSampleFramesIsBadField() {
        assertRejected(RawFrame.audio(16000, 2, 6).toBytes(), ErrorCode.BAD_FIELD);
    }

    @Test
    void oversizeVideoPayloadIsTooLarge() {
        byte[] payload = RawFrame.jpeg(Limits.MAX_VIDEO_PAYLOAD + 1);

        assertRejected(RawFrame.video().payload(payload).toBytes(), ErrorCode.TOO_LARGE);
    }

    @Test
    void oversizeAudioPayloadIsTooLarge() {
        assertRejected(RawFrame.audio(16000, 2, Limits.MAX_AUDIO_PAYLOAD + 4).toBytes(),
                ErrorCode.TOO_LARGE);
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        RawFrame badVersionAndKind = RawFrame.video();
        badVersionAndKind.version = 9;
        badVersionAndKind.kind = 9;
        assertRejected(badVersionAndKind.toBytes(), ErrorCode.BAD_VERSION);

        RawFrame badKindAndFlags = RawFrame.video();
        badKindAndFlags.kind = 9;
        badKindAndFlags.flags = 1;
        assertRejected(badKindAndFlags.toBytes(), ErrorCode.UNKNOWN_KIND);

        RawFrame badFlagsShort = RawFrame.video();
        badFlagsShort.flags = 1;
        assertRejected(Arrays.copyOf(badFlagsShort.toBytes(), 10), ErrorCode.BAD_FIELD);

        RawFrame badPeerLengthShort = RawFrame.video();
        badPeerLengthShort.peerLengthOverride = 0;
        assertRejected(Arrays.copyOf(badPeerLengthShort.toBytes(), 10), ErrorCode.BAD_USER_NAME);

        RawFrame badFieldAndName = RawFrame.video().peer("a b");
        badFieldAndName.kindFields = RawFrame.videoFields(0, 0);
        assertRejected(badFieldAndName.toBytes(), ErrorCode.BAD_FIELD);

        RawFrame badNameAndPayload = RawFrame.video().peer("a b").payload(new byte[0]);
        assertRejected(badNameAndPayload.toBytes(), ErrorCode.BAD_USER_NAME);
    }

    private static void assertRejected(byte[] message, ErrorCode expected) {
        ByteBuffer buffer = ByteBuffer.wrap(message);

        assertThatThrownBy(() -> MediaCodec.decode(buffer))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(expected));
        assertThat(buffer.position()).isZero();
    }
}
