package com.waltalk.desktop;

import com.waltalk.desktop.settings.SettingsFile;
import com.waltalk.desktop.settings.SettingsStore;
import com.waltalk.desktop.settings.ThemeChoice;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.ControlCodec;
import com.waltalk.protocol.control.Hello;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioSystem;

/**
 * {@code --self-check}: proves that an installed runtime has what the app needs — JavaFX (and, when a
 * display exists, a working toolkit that can build the main screen), the stylesheet, Jackson, the protocol
 * codec, the WebSocket client, JPEG, javax.sound and the bundled relay — without opening a window.
 * Prints one line per check and {@code ok} at the end. Used by the installers' CI.
 */
final class SelfCheck {

    private SelfCheck() {
    }

    static boolean run(PrintStream out) {
        boolean ok = true;
        ok &= check(out, "java", () -> System.getProperty("java.version") + " " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch"));
        ok &= check(out, "javafx", () -> {
            ClassLoader loader = SelfCheck.class.getClassLoader();
            Class.forName("javafx.scene.control.Button", false, loader); // loaded, not initialised: no toolkit
            Class.forName("javafx.scene.image.ImageView", false, loader);
            Object v = Class.forName("com.sun.javafx.runtime.VersionInfo", true, loader)
                    .getMethod("getRuntimeVersion").invoke(null);
            return "JavaFX " + v;
        });
        ok &= check(out, "stylesheet", () -> {
            var url = SelfCheck.class.getResource("/com/waltalk/desktop/ui/common/waltalk.css");
            if (url == null) {
                throw new IllegalStateException("waltalk.css missing");
            }
            return "found";
        });
        ok &= check(out, "settings", () -> {
            Path dir = Files.createTempDirectory("waltalk-self-check");
            try {
                SettingsStore store = new SettingsStore(dir);
                store.save(new SettingsFile("ws://127.0.0.1:1", "check", null, true, ThemeChoice.DARK, null, null,
                        null, true, true, null));
                if (store.load().theme() != ThemeChoice.DARK) {
                    throw new IllegalStateException("settings did not read back");
                }
                return "JSON write/read";
            } finally {
                try (var s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        });
        ok &= check(out, "protocol", () -> {
            String json = ControlCodec.encode(new Hello(ProtocolVersion.CURRENT, "self-check"));
            ControlCodec.decode(json);
            return "v" + ProtocolVersion.CURRENT;
        });
        ok &= check(out, "websocket", () -> {
            Object client = Class.forName("org.glassfish.tyrus.client.ClientManager")
                    .getMethod("createClient").invoke(null);
            client.getClass().getMethod("shutdown").invoke(client);
            return "tyrus client";
        });
        ok &= check(out, "jpeg", () -> {
            BufferedImage img = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "jpg", bytes)) {
                throw new IllegalStateException("no JPEG writer");
            }
            return bytes.size() + " bytes";
        });
        ok &= check(out, "sound", () -> AudioSystem.getMixerInfo().length + " mixers");
        ok &= check(out, "relay", () -> {
            Class.forName("com.waltalk.relay.Relay");
            return "bundled";
        });
        ok &= check(out, "toolkit", SelfCheck::toolkit);
        out.println(ok ? "ok" : "FAILED");
        return ok;
    }

    /** Starts the JavaFX toolkit and lays out the sign-in screen off-screen, if there is a display. */
    private static String toolkit() throws Exception {
        if (!displayAvailable()) {
            return "skipped (no display)";
        }
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        javafx.application.Platform.startup(() -> {
            try {
                var root = new com.waltalk.desktop.ui.signin.SignInView();
                var scene = new javafx.scene.Scene(root, 900, 640);
                com.waltalk.desktop.ui.common.Theme.apply(scene,
                        new javafx.beans.property.SimpleObjectProperty<>(ThemeChoice.LIGHT));
                root.applyCss();
                root.layout();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                started.countDown();
            }
        });
        if (!started.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX toolkit did not start within 20 s");
        }
        javafx.application.Platform.exit();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        return "started, sign-in screen laid out";
    }

    private static boolean displayAvailable() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return "Monocle".equals(System.getProperty("glass.platform"))
                || notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private interface Check {
        String run() throws Exception;
    }

    private static boolean check(PrintStream out, String name, Check check) {
        try {
            out.printf("%-11s ok   %s%n", name, check.run());
            return true;
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            out.printf("%-11s FAIL %s%n", name, cause);
            return false;
        }
    }
}
