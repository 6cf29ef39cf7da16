/**
 * What the app keeps about itself: the user's settings as JavaFX properties
 * ({@link com.waltalk.desktop.settings.AppSettings}), their file ({@code SettingsFile}, {@code SettingsStore}:
 * {@code settings.json}, written atomically, owner-readable only), where it lives
 * ({@code ConfigDirectory}), saving after every change ({@code PersistentSettings}), and which build is
 * running ({@code AppVersion}). Never a password; the sign-in token only when the user wants automatic
 * sign-in.
 *
 * <p><b>Uses</b> JavaFX properties (javafx.beans only, no scene graph), Jackson and shared-runtime; nothing
 * else of the desktop. <b>Used by</b> the {@code ui} packages and the composition root. <b>Must not be used
 * by</b> {@code session}, {@code net}, {@code call} or the media pipelines: they are given what they need
 * (a device name, a relay endpoint) by their callers.
 *
 * <p><b>Threads.</b> {@code AppSettings} belongs to the JavaFX Application Thread; the file is written on
 * {@code settings-writer}.
 */
package com.waltalk.desktop.settings;
