/**
 * The desktop app's composition root: the entry point ({@link com.waltalk.desktop.Launcher}, which also
 * answers {@code --version}, {@code --help} and {@code --self-check} without a display), the JavaFX
 * application ({@link com.waltalk.desktop.WalTalkApp}), {@code --demo} ({@link com.waltalk.desktop.DemoMode}),
 * and the wiring of the media pipelines into the screens: {@link com.waltalk.desktop.MediaWiring},
 * {@link com.waltalk.desktop.CallPipelines} and {@link com.waltalk.desktop.DeviceCatalog} implement the
 * UI's {@code ui.call.CallMediaHooks} and {@code ui.settings.MediaDevices} with {@code video},
 * {@code capture}, {@code audio} and {@code playback}.
 *
 * <p><b>Uses</b> every desktop package except {@code net} (the connection belongs to the session) and
 * {@code bench}; also shared-protocol and Tyrus (the self-check only), the relay module (the demo relay's
 * settings), JavaFX and picocli. <b>Used by</b> nothing: no other desktop package may depend on this one,
 * which is what keeps the packages below it free of cycles.
 *
 * <p><b>Threads.</b> Screens and callbacks from them run on the JavaFX Application Thread; device work of
 * a call runs on its {@code call-media} thread; the settings screen's camera preview is opened on the
 * common fork-join pool. See docs/ARCHITECTURE.md, "Desktop threads".
 */
package com.waltalk.desktop;
