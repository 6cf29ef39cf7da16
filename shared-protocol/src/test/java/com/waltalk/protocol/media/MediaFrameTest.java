package com.waltalk.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MediaFrameTest {

    private static final MediaHeader VIDEO = MediaHeader.video(1, 2, 3, 4, 5, "bob");

    @Test
    void equalityComparesPayloadContentNotBufferPosition() {
        ByteBuffer a = ByteBuffer.wrap(Hex.bytes("ff d8 01 02"));
        ByteBuffer b = ByteBuffer.wrap(Hex.bytes("00 00 ff d8 01 02 00")).position(2).limit(6);
        ByteBuffer c = ByteBuffer.allocateDirect(4).put(Hex.bytes("ff d8 01 02")).flip();

        MediaFrame fa = new MediaFrame(VIDEO, a);
        MediaFrame fb = new MediaFrame(VIDEO, b);
        MediaFrame fc = new MediaFrame(VIDEO, c);

        assertThat(fa).isEqualTo(fb).isEqualTo(fc).hasSameHashCodeAs(fb).hasSameHashCodeAs(fc);
    }

    @Test
    void differentPayloadOrHeaderIsNotEqual() {
        MediaFrame f = new MediaFrame(VIDEO, ByteBuffer.wrap(Hex.bytes("ff d8 01 02")));

        assertThat(f).isNotEqualTo(new MediaFrame(VIDEO, ByteBuffer.wrap(Hex.bytes("ff d8 01"))));
        assertThat(f).isNotEqualTo(
                new MediaFrame(VIDEO, ByteBuffer.wrap(Hex.bytes("ff d8 01 03"))));
        assertThat(f).isNotEqualTo(new MediaFrame(VIDEO.withPeer("eve"),
                ByteBuffer.wrap(Hex.bytes("ff d8 01 02"))));
    }

    @Test
    void payloadViewsAreIndependentAndReadOnly() {
        ByteBuffer source = ByteBuffer.wrap(Hex.bytes("00 ff d8 01")).position(1);
        MediaFrame f = new MediaFrame(VIDEO, source);

        ByteBuffer first = f.payload();
        first.get();
        first.get();

        assertThat(source.position()).isEqualTo(1);
        assertThat(first.isReadOnly()).isTrue();
        assertThat(f.payload().position()).isZero();
        assertThat(f.payload().remaining()).isEqualTo(3).isEqualTo(f.payloadLength());
    }

    @Test
    void rejectsPayloadInvalidForTheKind() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MediaFrame(VIDEO, ByteBuffer.allocate(4)));
        assertThatIllegalArgumentException().isThrownBy(() -> new MediaFrame(
                MediaHeader.audio(1, 1, 1, 8000, 2, "bob"), ByteBuffer.allocate(2)));
    }

    @Test
    void toStringShowsLengthNotBufferInternals() {
        MediaFrame f = new MediaFrame(VIDEO, ByteBuffer.wrap(Hex.bytes("ff d8 01 02")));

        assertThat(f.toString()).contains("payloadLength=4").contains("peer=bob");
    }
}
