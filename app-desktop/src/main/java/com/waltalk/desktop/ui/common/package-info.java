/**
 * What every screen shares: {@link com.waltalk.desktop.ui.common.FxSession} (the session model seen from
 * the JavaFX thread, as observable properties and lists), {@link com.waltalk.desktop.ui.common.FailureText}
 * (failures as sentences a user can act on), the theme, toasts, desktop notifications
 * ({@link com.waltalk.desktop.ui.common.DesktopNotifier}), avatars, icons, presence looks and formats.
 *
 * <p><b>Uses</b> {@code session}, {@code connection}, {@code settings} (the theme choice), JavaFX, AWT (the
 * system tray) and shared-runtime. It is the bottom of the UI: <b>must not use</b> any other {@code ui}
 * package, and like every {@code ui} package never {@code net}, shared-protocol (but its {@code Limits}), the media pipelines
 * ({@code audio}, {@code capture}, {@code playback}, {@code video}, {@code media}) or the composition root.
 * <b>Used by</b> the other {@code ui} packages and the composition root.
 *
 * <p><b>Threads.</b> Use on the JavaFX Application Thread; {@code FxSession} marshals the model's events
 * onto it with {@code Platform.runLater}. {@code DesktopNotifier} does its AWT work on
 * {@code desktop-notifier} and may be called from any thread.
 */
package com.waltalk.desktop.ui.common;
