package com.waltalk.desktop.ui.call;

import com.waltalk.desktop.call.MediaStats;
import com.waltalk.desktop.call.StreamStats;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * The on-demand statistics of a call: per stream frames per second, kbit/s, latency and drops, the
 * audio playback buffer and the round trip to the relay. Create and use on the JavaFX thread.
 */
public final class StatsOverlay extends GridPane {

    private final Label videoIn = value("statsVideoIn");
    private final Label videoOut = value("statsVideoOut");
    private final Label audioIn = value("statsAudioIn");
    private final Label audioOut = value("statsAudioOut");
    private final Label buffer = value("statsAudioBuffer");
    private final Label rtt = value("statsRtt");

    public StatsOverlay() {
        getStyleClass().add("stats-overlay");
        setId("statsOverlay");
        addRow(0, key("video in"), videoIn);
        addRow(1, key("video out"), videoOut);
        addRow(2, key("audio in"), audioIn);
        addRow(3, key("audio out"), audioOut);
        addRow(4, key("audio buffer"), buffer);
        addRow(5, key("relay rtt"), rtt);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setMouseTransparent(true);
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("stats-key");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label("–");
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /**
     * @param stats              network figures
     * @param audioBufferMillis  how far playback runs ahead of real time, or negative if unknown
     */
    public void update(MediaStats stats, double audioBufferMillis) {
        videoIn.setText(in(stats.videoIn()));
        videoOut.setText(out(stats.videoOut()));
        audioIn.setText(in(stats.audioIn()));
        audioOut.setText(out(stats.audioOut()));
        buffer.setText(audioBufferMillis < 0 ? "–" : String.format(Locale.ROOT, "%.0f ms", audioBufferMillis));
        rtt.setText(stats.roundTripMillis() < 0 ? "–" : String.format(Locale.ROOT, "%.0f ms", stats.roundTripMillis()));
    }

    static String in(StreamStats s) {
        return String.format(Locale.ROOT, "%5.1f fps %6.0f kbit/s  %s  %d lost", s.framesPerSecond(),
                s.kilobitsPerSecond(), s.latencyMillis() < 0 ? "   – ms" : String.format(Locale.ROOT, "%4.0f ms",
                        s.latencyMillis()), s.droppedFrames());
    }

    static String out(StreamStats s) {
        return String.format(Locale.ROOT, "%5.1f fps %6.0f kbit/s  %d dropped", s.framesPerSecond(),
                s.kilobitsPerSecond(), s.droppedFrames());
    }
}
