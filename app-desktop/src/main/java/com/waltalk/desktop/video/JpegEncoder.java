package com.waltalk.desktop.video;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG encoding with an explicit quality, reusing one {@link ImageWriter} and one output buffer for
 * every frame (looking up a writer per frame costs a service-registry walk and a new native
 * compressor each time).
 *
 * <p>Not thread-safe: one encoder per capture thread.
 */
public final class JpegEncoder implements AutoCloseable {

    /** WalTalk's quality: ~30 KB for a real 640×360 scene (docs/BENCHMARKS.md). */
    public static final float STREAM_QUALITY = 0.65f;

    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);

    public JpegEncoder(float quality) {
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in (0, 1]: " + quality);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JVM has no JPEG writer");
        }
        writer = writers.next();
        param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
    }

    /** The JPEG bytes of {@code image} (RGB, no alpha). */
    public byte[] encode(BufferedImage image) {
        buffer.reset();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e); // memory streams do not fail
        } finally {
            writer.setOutput(null);
        }
        return buffer.toByteArray();
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
