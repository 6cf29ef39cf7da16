import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the WalTalk icon (a speech bubble with a camera lens, on a rounded square) and writes it as
 * PNG (Linux), ICO (Windows) and ICNS (macOS). ICO and ICNS entries embed PNG data, which both
 * formats accept (Windows Vista+, macOS 10.7+). Run with the JDK's source launcher, headless:
 * {@code java -Djava.awt.headless=true installers/icon/IconPainter.java installers/icon}
 */
public final class IconPainter {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(dir);
        ImageIO.write(draw(512), "png", dir.resolve("waltalk.png").toFile());
        Files.write(dir.resolve("waltalk.ico"), ico(16, 32, 48, 256));
        Files.write(dir.resolve("waltalk.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 512.0, size / 512.0);
        // background: rounded square, deep teal to blue (PostgreSQL's elephant blue nearby)
        g.setPaint(new GradientPaint(0, 0, new Color(0x1F, 0x8A, 0x9E), 512, 512, new Color(0x33, 0x5C, 0xA8)));
        g.fill(new RoundRectangle2D.Double(16, 16, 480, 480, 112, 112));
        // speech bubble with a tail at the bottom left
        Path2D bubble = new Path2D.Double();
        bubble.append(new RoundRectangle2D.Double(84, 110, 344, 240, 90, 90), false);
        Path2D tail = new Path2D.Double();
        tail.moveTo(150, 330);
        tail.lineTo(118, 420);
        tail.lineTo(236, 340);
        tail.closePath();
        g.setColor(Color.WHITE);
        g.fill(bubble);
        g.fill(tail);
        // camera lens in the bubble
        g.setColor(new Color(0x26, 0x4A, 0x8C));
        g.fill(new Ellipse2D.Double(186, 160, 140, 140));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(12));
        g.draw(new Ellipse2D.Double(216, 190, 80, 80));
        g.fill(new Ellipse2D.Double(270, 196, 22, 22));
        g.dispose();
        return img;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", out);
        return out.toByteArray();
    }

    /** ICO: 6-byte header, 16-byte directory entry per image, then the images (little-endian). */
    static byte[] ico(int... sizes) throws IOException {
        byte[][] images = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            images[i] = png(sizes[i]);
        }
        int offset = 6 + 16 * sizes.length;
        int total = offset;
        for (byte[] b : images) {
            total += b.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            int s = sizes[i] >= 256 ? 0 : sizes[i]; // 0 means 256
            buf.put((byte) s).put((byte) s).put((byte) 0).put((byte) 0);
            buf.putShort((short) 1).putShort((short) 32).putInt(images[i].length).putInt(offset);
            offset += images[i].length;
        }
        for (byte[] b : images) {
            buf.put(b);
        }
        return buf.array();
    }

    /** ICNS: "icns" + total length, then typed PNG entries (big-endian lengths include the 8-byte entry header). */
    static byte[] icns() throws IOException {
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(sizes[i]);
            d.writeBytes(types[i]);
            d.writeInt(p.length + 8);
            d.write(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(body.size() + 8);
        o.write(body.toByteArray());
        return out.toByteArray();
    }
}
