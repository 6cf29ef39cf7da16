package com.waltalk.desktop.capture;

import com.github.sarxos.webcam.WebcamDevice;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A camera that draws a moving test pattern: colour bars, a ball that crosses the picture every
 * four seconds, a frame counter, the wall-clock time and a user label (so two synthetic cameras in
 * one demo look different).
 *
 * <p>It offers 640×360, 1280×720, 640×480 and 320×240, like a typical webcam, so the same
 * mode choice and cover-crop run as for a real camera. Every {@link #getImage()} returns a new
 * image that the caller owns.
 *
 * <p>Thread-safe: all state changes and drawing are synchronized on the device.
 */
public final class SyntheticCameraDevice implements WebcamDevice {

    static final Dimension[] RESOLUTIONS = {
        new Dimension(640, 360), new Dimension(1280, 720), new Dimension(640, 480), new Dimension(320, 240),
    };
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Color[] BARS = {
        Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE,
    };
    private static final long BALL_PERIOD_NANOS = 4_000_000_000L;

    private final String name;
    private final String label;
    private final Clock clock;
    private final long startNanos = System.nanoTime();
    private Dimension resolution = RESOLUTIONS[0];
    private boolean open;
    private boolean textBroken;
    private long frames;

    /**
     * @param name  the device name Webcam Capture lists and selects by
     * @param label drawn on every frame
     */
    public SyntheticCameraDevice(String name, String label) {
        this(name, label, Clock.systemDefaultZone());
    }

    SyntheticCameraDevice(String name, String label, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.label = Objects.requireNonNull(label, "label");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String getName() {
        return name;
    }

    /** The label drawn on the picture. */
    public String label() {
        return label;
    }

    @Override
    public Dimension[] getResolutions() {
        return RESOLUTIONS.clone();
    }

    @Override
    public synchronized Dimension getResolution() {
        return new Dimension(resolution);
    }

    @Override
    public synchronized void setResolution(Dimension size) {
        for (Dimension d : RESOLUTIONS) {
            if (d.equals(size)) {
                resolution = new Dimension(d);
                return;
            }
        }
        throw new IllegalArgumentException("synthetic camera has no mode " + size.width + "x" + size.height);
    }

    @Override
    public synchronized BufferedImage getImage() {
        if (!open) {
            return null;
        }
        long frame = ++frames;
        int w = resolution.width;
        int h = resolution.height;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            drawBars(g, w, h);
            drawBall(g, w, h, System.nanoTime() - startNanos);
            drawText(g, w, h, frame);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawBars(Graphics2D g, int w, int h) {
        int barsHeight = h * 2 / 3;
        for (int i = 0; i < BARS.length; i++) {
            int x0 = i * w / BARS.length;
            int x1 = (i + 1) * w / BARS.length;
            g.setColor(BARS[i].darker());
            g.fillRect(x0, 0, x1 - x0, barsHeight);
        }
        g.setPaint(new GradientPaint(0, 0, Color.BLACK, w, 0, Color.LIGHT_GRAY));
        g.fillRect(0, barsHeight, w, h - barsHeight);
    }

    private static void drawBall(Graphics2D g, int w, int h, long elapsedNanos) {
        double phase = (elapsedNanos % BALL_PERIOD_NANOS) / (double) BALL_PERIOD_NANOS;
        double bounce = phase < 0.5 ? phase * 2 : 2 - phase * 2; // 0 → 1 → 0: left, right, left
        int d = Math.max(8, h / 4);
        int x = (int) Math.round(bounce * (w - d));
        int y = h / 3 - d / 2;
        g.setColor(Color.ORANGE);
        g.fillOval(x, y, d, d);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(Math.max(1f, d / 20f)));
        g.drawOval(x, y, d, d);
    }

    private void drawText(Graphics2D g, int w, int h, long frame) {
        if (textBroken) {
            return;
        }
        try {
            int size = Math.max(10, h / 14);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, size));
            int baseline = h - size / 2;
            String line = String.format("%s  #%06d  %s", label, frame, LocalTime.now(clock).format(CLOCK));
            g.setColor(Color.BLACK);
            g.drawString(line, size / 2 + 2, baseline + 2);
            g.setColor(Color.WHITE);
            g.drawString(line, size / 2, baseline);
        } catch (RuntimeException | Error e) {
            // A JDK without any usable font (fontconfig missing) throws here; the picture still moves.
            textBroken = true;
        }
    }

    /** Frames drawn since the device was created. */
    public synchronized long framesDrawn() {
        return frames;
    }

    @Override
    public synchronized void open() {
        open = true;
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    @Override
    public void dispose() {
        close();
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public String toString() {
        return "SyntheticCameraDevice[" + name + "]";
    }
}
