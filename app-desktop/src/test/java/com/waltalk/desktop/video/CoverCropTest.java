package com.waltalk.desktop.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Cover-crop geometry for 4:3, 16:9 and odd sizes, and the formatter's real pixels. */
class CoverCropTest {

    @Test
    void fourByThreeLosesTopAndBottom() {
        assertThat(CoverCrop.of(640, 480, 640, 360)).isEqualTo(new CoverCrop(0, 60, 640, 360));
        assertThat(CoverCrop.of(1600, 1200, 640, 360)).isEqualTo(new CoverCrop(0, 150, 1600, 900));
    }

    @Test
    void sixteenByNineIsOnlyScaled() {
        assertThat(CoverCrop.of(1280, 720, 640, 360)).isEqualTo(new CoverCrop(0, 0, 1280, 720));
        assertThat(CoverCrop.of(640, 360, 640, 360)).isEqualTo(new CoverCrop(0, 0, 640, 360));
    }

    @Test
    void widerThanSixteenByNineLosesTheSides() {
        assertThat(CoverCrop.of(2560, 1080, 640, 360)).isEqualTo(new CoverCrop(320, 0, 1920, 1080));
    }

    @Test
    void oddSizesStayCentredAndInside() {
        assertThat(CoverCrop.of(641, 479, 640, 360)).isEqualTo(new CoverCrop(0, 59, 641, 361));
        assertThat(CoverCrop.of(1, 1, 640, 360)).isEqualTo(new CoverCrop(0, 0, 1, 1));
        assertThat(CoverCrop.of(3, 1000, 640, 360)).isEqualTo(new CoverCrop(0, 499, 3, 2));
    }

    @Test
    void rejectsEmptySizes() {
        assertThatThrownBy(() -> CoverCrop.of(0, 480, 640, 360)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void cropIsInsideTheSourceAndKeepsTheTargetAspect(@ForAll @IntRange(min = 1, max = 4000) int w,
                                                       @ForAll @IntRange(min = 1, max = 4000) int h) {
        CoverCrop c = CoverCrop.of(w, h, 640, 360);
        assertThat(c.x()).isBetween(0, w - c.width());
        assertThat(c.y()).isBetween(0, h - c.height());
        assertThat(c.width() == w || c.height() == h).as("one side is kept whole").isTrue();
        // aspect within the rounding of one source pixel
        assertThat(Math.abs(c.width() * 360.0 - c.height() * 640.0)).isLessThanOrEqualTo(640.0);
        // centred: the margins differ by at most one pixel
        assertThat(Math.abs((w - c.width() - c.x()) - c.x())).isLessThanOrEqualTo(1);
        assertThat(Math.abs((h - c.height() - c.y()) - c.y())).isLessThanOrEqualTo(1);
    }

    @Test
    void formatterCropsAFourByThreePictureWithoutDistortion() {
        // 640x480: red band on the top 60 rows, blue band on the bottom 60, a green square 120x120 in the middle
        BufferedImage src = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = src.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 480);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 640, 60);
        g.setColor(Color.BLUE);
        g.fillRect(0, 420, 640, 60);
        g.setColor(Color.GREEN);
        g.fillRect(260, 180, 120, 120);
        g.dispose();

        BufferedImage out = new FrameFormatter(640, 360).format(src);

        assertThat(out.getWidth()).isEqualTo(640);
        assertThat(out.getHeight()).isEqualTo(360);
        assertThat(out.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        // the bands were cropped away entirely
        for (int x = 0; x < 640; x += 7) {
            assertThat(out.getRGB(x, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            assertThat(out.getRGB(x, 359) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        }
        // the square is still a square (same extent in x and y), now at 260..379 x 120..239
        assertThat(greenExtent(out, true)).isEqualTo(120);
        assertThat(greenExtent(out, false)).isEqualTo(120);
        assertThat(out.getRGB(320, 180) & 0xFFFFFF).isEqualTo(0x00FF00);
    }

    @Test
    void formatterScalesSixteenByNineDownWholly() {
        BufferedImage src = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = src.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 1280, 720);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 720); // 20 columns after scaling
        g.dispose();
        BufferedImage out = new FrameFormatter(640, 360).format(src);
        assertThat(out.getRGB(5, 180) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(out.getRGB(30, 180) & 0xFFFFFF).isEqualTo(0);
    }

    private static int greenExtent(BufferedImage img, boolean horizontal) {
        int n = 0;
        int len = horizontal ? img.getWidth() : img.getHeight();
        for (int i = 0; i < len; i++) {
            int rgb = horizontal ? img.getRGB(i, 180) : img.getRGB(320, i);
            if ((rgb & 0xFFFFFF) == 0x00FF00) {
                n++;
            }
        }
        return n;
    }
}
