package com.waltalk.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class MediaHeaderTest {

    @Test
    void videoFactoryFillsVideoFields() {
        MediaHeader h = MediaHeader.video(5, 6, 7, 320, 240, "bob");

        assertThat(h).isEqualTo(
                new MediaHeader(MediaKind.VIDEO_JPEG, 5, 6, 7, 320, 240, 0, 0, "bob"));
    }

    @Test
    void audioFactoryFillsAudioFields() {
        MediaHeader h = MediaHeader.audio(5, 6, 7, 44_100, 1, "bob");

        assertThat(h).isEqualTo(
                new MediaHeader(MediaKind.AUDIO_PCM16LE, 5, 6, 7, 0, 0, 44_100, 1, "bob"));
    }

    @Test
    void acceptsExtremeValues() {
        MediaHeader.video(Long.MIN_VALUE, 0, Long.MIN_VALUE, 1, 1, "a");
        MediaHeader.video(Long.MAX_VALUE, 0xFFFF_FFFFL, Long.MAX_VALUE, 4096, 4096, "a");
        MediaHeader.audio(0, 0, 0, 8000, 1, "a");
        MediaHeader.audio(0, 0, 0, 48_000, 2, "a");
    }

    @Test
    void rejectsSeqOutsideUnsigned32Bits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, -1, 0, 1, 1, "a"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0x1_0000_0000L, 0, 1, 1, "a"));
    }

    @Test
    void rejectsVideoOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0, 0, 0, 1, "a"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0, 0, 1, 4097, "a"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MediaHeader(MediaKind.VIDEO_JPEG, 0, 0, 0, 1, 1, 8000, 0, "a"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MediaHeader(MediaKind.VIDEO_JPEG, 0, 0, 0, 1, 1, 0, 1, "a"));
    }

    @Test
    void rejectsAudioOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.audio(0, 0, 0, 7999, 1, "a"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.audio(0, 0, 0, 48_001, 1, "a"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.audio(0, 0, 0, 8000, 0, "a"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.audio(0, 0, 0, 8000, 3, "a"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new MediaHeader(MediaKind.AUDIO_PCM16LE, 0, 0, 0, 1, 0, 8000, 1, "a"));
    }

    @Test
    void rejectsInvalidPeer() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0, 0, 1, 1, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0, 0, 1, 1, ""));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0, 0, 1, 1, "no spaces"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MediaHeader.video(0, 0, 0, 1, 1, "x".repeat(33)));
    }

    @Test
    void rejectsNullKind() {
        assertThatNullPointerException()
                .isThrownBy(() -> new MediaHeader(null, 0, 0, 0, 1, 1, 0, 0, "a"));
    }

    @Test
    void withPeerReplacesOnlyThePeer() {
        MediaHeader h = MediaHeader.audio(1, 2, 3, 16_000, 2, "alice");

        assertThat(h.withPeer("bob")).isEqualTo(MediaHeader.audio(1, 2, 3, 16_000, 2, "bob"));
        assertThatIllegalArgumentException().isThrownBy(() -> h.withPeer("bo b"));
    }
}
