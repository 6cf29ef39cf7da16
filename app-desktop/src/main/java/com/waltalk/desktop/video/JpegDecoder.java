package com.waltalk.desktop.video;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG decoding that refuses anything it cannot show whole, reusing one {@link ImageReader}.
 *
 * <p>The JDK's JPEG reader does <em>not</em> throw for a truncated JPEG: libjpeg reports "Premature end
 * of JPEG file" as a warning and fills the missing rows with grey (checked in {@code JpegDecoderTest}).
 * So a frame counts as corrupt when it does not start with SOI ({@code FF D8}) and end with EOI
 * ({@code FF D9}), when the reader throws, or when it reports any warning while decoding.
 *
 * <p>Pixels are decoded straight into a {@code TYPE_INT_RGB} image and handed over as a
 * {@link ScreenFrame} without a copy.
 *
 * <p>Not thread-safe: one decoder per decoding thread.
 */
public final class JpegDecoder implements AutoCloseable {

    /** Larger frames are refused before decoding (a 4K JPEG would cost 33 MB of pixels). */
    public static final int MAX_PIXELS = 1920 * 1080;

    private final ImageReader reader;
    private final List<String> warnings = new ArrayList<>();
    private final IIOReadWarningListener warningListener = (source, warning) -> warnings.add(warning);

    public JpegDecoder() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no JPEG reader");
        }
        reader = readers.next();
        reader.addIIOReadWarningListener(warningListener);
    }

    /**
     * The frame's pixels.
     *
     * @throws CorruptFrameException when the bytes are not one complete, valid JPEG
     */
    public ScreenFrame decode(long seq, byte[] jpeg) throws CorruptFrameException {
        int n = jpeg.length;
        if (n < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new CorruptFrameException("not a JPEG (no SOI marker), " + n + " bytes");
        }
        if ((jpeg[n - 2] & 0xFF) != 0xFF || (jpeg[n - 1] & 0xFF) != 0xD9) {
            throw new CorruptFrameException("truncated JPEG (no EOI marker), " + n + " bytes");
        }
        warnings.clear();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) {
                throw new CorruptFrameException("JPEG size " + w + "x" + h + " is out of range");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // A destination image, not a destination type: the reader refuses TYPE_INT_RGB as a "type"
            // ("Destination type from ImageReadParam does not match!") but fills such an image fine.
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            param.setDestination(image);
            reader.read(0, param);
            if (!warnings.isEmpty()) {
                throw new CorruptFrameException("damaged JPEG: " + String.join("; ", warnings));
            }
            return ScreenFrame.fromRgb(seq, image, true);
        } catch (IOException | RuntimeException e) {
            // IIOException for bad markers/Huffman data; IllegalArgumentException when the destination
            // type does not fit (a CMYK or greyscale JPEG, which no WalTalk sender makes)
            throw new CorruptFrameException("undecodable JPEG: " + e.getMessage(), e);
        } finally {
            reader.setInput(null);
        }
    }

    @Override
    public void close() {
        reader.dispose();
    }
}
