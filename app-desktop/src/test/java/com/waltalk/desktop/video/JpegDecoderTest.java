package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Real ImageIO decoding: whole frames come back right; truncated and damaged ones are refused. */
class JpegDecoderTest {

    private final byte[] good = encode(TestImages.cameraLike(640, 360, 7));

    private static byte[] encode(BufferedImage img) {
        try (JpegEncoder e = new JpegEncoder(JpegEncoder.STREAM_QUALITY)) {
            return e.encode(img);
        }
    }

    @Test
    void decodesToOpaquePixelsCloseToTheOriginal() throws Exception {
        BufferedImage original = TestImages.cameraLike(640, 360, 7);
        try (JpegDecoder d = new JpegDecoder()) {
            ScreenFrame f = d.decode(42, good);
            assertThat(f.seq()).isEqualTo(42);
            assertThat(f.width()).isEqualTo(640);
            assertThat(f.height()).isEqualTo(360);
            long err = 0;
            for (int i = 0; i < f.argb().length; i += 97) {
                int a = f.argb()[i];
                int b = original.getRGB(i % 640, i / 640);
                assertThat(a >>> 24).isEqualTo(0xFF);
                err += Math.abs(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF));
            }
            assertThat(err / (f.argb().length / 97)).as("mean green error, levels").isLessThan(12);
        }
    }

    @Test
    void theJdkItselfDoesNotThrowOnATruncatedJpeg() throws Exception {
        // why JpegDecoder checks markers and warnings: ImageIO hands back a half-grey picture silently
        byte[] half = Arrays.copyOf(good, good.length / 2);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(half));
        assertThat(img).isNotNull();
        assertThat(img.getHeight()).isEqualTo(360);
    }

    @Test
    void truncatedJpegsAreRefusedAtEveryLength() throws Exception {
        try (JpegDecoder d = new JpegDecoder()) {
            for (int len : new int[] {0, 1, 2, 3, 100, 600, good.length / 3, good.length / 2, good.length - 1}) {
                byte[] cut = Arrays.copyOf(good, len);
                assertThatThrownBy(() -> d.decode(1, cut)).as("length %d", len)
                        .isInstanceOf(CorruptFrameException.class);
            }
        }
    }

    @Test
    void aTruncatedJpegWithAForgedEndMarkerIsCaughtByTheReadersWarning() throws Exception {
        byte[] cut = Arrays.copyOf(good, good.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        try (JpegDecoder d = new JpegDecoder()) {
            assertThatThrownBy(() -> d.decode(1, cut)).isInstanceOf(CorruptFrameException.class)
                    .hasMessageContaining("damaged JPEG");
        }
    }

    @Test
    void garbageIsRefusedAndTheNextGoodFrameStillDecodes() throws Exception {
        byte[] garbage = new byte[5000];
        new java.util.Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[4998] = (byte) 0xFF;
        garbage[4999] = (byte) 0xD9;
        byte[] headerBroken = good.clone();
        Arrays.fill(headerBroken, 2, 200, (byte) 0x00);
        try (JpegDecoder d = new JpegDecoder()) {
            assertThatThrownBy(() -> d.decode(1, garbage)).isInstanceOf(CorruptFrameException.class);
            assertThatThrownBy(() -> d.decode(2, headerBroken)).isInstanceOf(CorruptFrameException.class);
            assertThatThrownBy(() -> d.decode(3, new byte[] {1, 2, 3, 4, 5})).isInstanceOf(CorruptFrameException.class)
                    .hasMessageContaining("not a JPEG");
            assertThat(d.decode(4, good).width()).isEqualTo(640);
        }
    }

    @Test
    void oversizedFramesAreRefusedBeforeDecoding() throws Exception {
        byte[] huge = encode(new BufferedImage(2000, 1200, BufferedImage.TYPE_INT_RGB));
        try (JpegDecoder d = new JpegDecoder()) {
            assertThatThrownBy(() -> d.decode(1, huge)).isInstanceOf(CorruptFrameException.class)
                    .hasMessageContaining("2000x1200");
        }
    }
}
