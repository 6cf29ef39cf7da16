package com.waltalk.desktop.settings;

import com.waltalk.runtime.Threads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Binds {@link AppSettings} to a {@link SettingsStore}: loads once, then saves a snapshot after every
 * change. The snapshot is taken on the JavaFX thread; the file is written on a background thread so a
 * slow disk never stalls the window.
 *
 * <p>Create and use on the JavaFX application thread.
 */
public final class PersistentSettings implements AutoCloseable {

    private final AppSettings settings = new AppSettings();
    private final SettingsStore store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Threads.named("settings-writer"));

    public PersistentSettings(SettingsStore store) {
        this.store = store;
        settings.apply(store.load());
        for (var p : settings.all()) {
            p.addListener(o -> saveLater());
        }
    }

    public AppSettings settings() {
        return settings;
    }

    public SettingsStore store() {
        return store;
    }

    private void saveLater() {
        SettingsFile snapshot = settings.toFile();
        writer.execute(() -> store.save(snapshot));
    }

    /** Waits for pending writes (at most a second) and stops the writer thread. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
