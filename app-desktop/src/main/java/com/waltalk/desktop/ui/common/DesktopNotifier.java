package com.waltalk.desktop.ui.common;

import com.waltalk.runtime.Threads;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Image;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desktop notifications without native code: a {@link SystemTray} balloon where the platform supports
 * one (Windows, macOS, most Linux desktops with a tray), otherwise nothing — callers also show an
 * in-app toast, so the user always sees the message in the window.
 *
 * <p>All AWT work happens on one background thread so the JavaFX thread never waits for AWT.
 * Thread-safe.
 */
public final class DesktopNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopNotifier.class);

    private final ExecutorService awt = Executors.newSingleThreadExecutor(Threads.named("desktop-notifier"));
    private volatile TrayIcon icon;
    private volatile boolean unavailable;

    /** Whether a system tray could be used on this machine (false on headless systems). */
    public static boolean systemTraySupported() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (Throwable t) {
            return false;
        }
    }

    /** Shows a notification if the platform can; returns immediately. */
    public void notify(String title, String text) {
        if (unavailable) {
            return;
        }
        awt.execute(() -> {
            try {
                if (icon == null) {
                    if (!systemTraySupported()) {
                        unavailable = true;
                        return;
                    }
                    TrayIcon ti = new TrayIcon(trayImage(), "WalTalk");
                    ti.setImageAutoSize(true);
                    SystemTray.getSystemTray().add(ti);
                    icon = ti;
                }
                icon.displayMessage(title, text, TrayIcon.MessageType.INFO);
            } catch (AWTException | RuntimeException | LinkageError e) {
                unavailable = true;
                LOG.info("Desktop notifications unavailable ({}); using in-app notices only", e.toString());
            }
        });
    }

    private static Image trayImage() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        var g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new java.awt.Color(0x25, 0x63, 0xeb));
        g.fillOval(0, 0, 16, 16);
        g.setColor(java.awt.Color.WHITE);
        g.fillRoundRect(4, 5, 8, 6, 2, 2);
        g.dispose();
        return img;
    }

    @Override
    public void close() {
        awt.execute(() -> {
            TrayIcon ti = icon;
            if (ti != null) {
                SystemTray.getSystemTray().remove(ti);
            }
        });
        awt.shutdown();
    }
}
