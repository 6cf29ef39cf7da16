package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.desktop.capture.SyntheticCameraDevice;
import com.waltalk.desktop.capture.SyntheticCameraDriver;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Real ImageIO JPEG: the quality setting takes effect and the writer is reusable frame after frame. */
class JpegEncoderTest {

    @Test
    void encodesDecodableFramesRepeatedlyWithTheSameWriter() throws Exception {
        SyntheticCameraDevice cam = new SyntheticCameraDriver("enc").device();
        cam.open();
        FrameFormatter fmt = new FrameFormatter(640, 360);
        try (JpegEncoder enc = new JpegEncoder(JpegEncoder.STREAM_QUALITY)) {
            for (int i = 0; i < 5; i++) {
                byte[] jpeg = enc.encode(fmt.format(cam.getImage()));
                assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
                assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
                BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
                assertThat(back.getWidth()).isEqualTo(640);
                assertThat(back.getHeight()).isEqualTo(360);
            }
        }
    }

    @Test
    void qualityChangesTheSize() {
        BufferedImage noisy = TestImages.cameraLike(640, 360, 1);
        byte[] low;
        byte[] stream;
        byte[] high;
        try (JpegEncoder a = new JpegEncoder(0.3f); JpegEncoder b = new JpegEncoder(0.65f);
             JpegEncoder c = new JpegEncoder(0.95f)) {
            low = a.encode(noisy);
            stream = b.encode(noisy);
            high = c.encode(noisy);
        }
        assertThat(low.length).isLessThan(stream.length);
        assertThat(stream.length).isLessThan(high.length);
    }

    @Test
    void refusesNonsenseQuality() {
        assertThatThrownBy(() -> new JpegEncoder(0f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JpegEncoder(1.5f)).isInstanceOf(IllegalArgumentException.class);
    }
}
