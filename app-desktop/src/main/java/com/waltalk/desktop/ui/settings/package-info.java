/**
 * The settings window: {@link com.waltalk.desktop.ui.settings.SettingsView} (devices with a live camera
 * preview, microphone level meter and speaker test sound; theme, ringtone and notifications) and
 * {@link com.waltalk.desktop.ui.settings.MediaDevices}, what it needs of the media side.
 *
 * <p><b>Uses</b> {@code settings}, JavaFX and shared-runtime. <b>Must not use</b> the other {@code ui}
 * packages, and like every {@code ui} package never {@code net}, shared-protocol (but its {@code Limits}), the media pipelines or
 * the composition root: devices are reached through {@code MediaDevices}, which the composition root
 * implements. <b>Used by</b> {@code ui.shell} and the composition root.
 *
 * <p><b>Threads.</b> JavaFX Application Thread; devices are listed on a {@code settings-devices} thread and
 * the results handed back with {@code Platform.runLater}.
 */
package com.waltalk.desktop.ui.settings;
