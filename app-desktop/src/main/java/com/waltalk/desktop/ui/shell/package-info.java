/**
 * One WalTalk window: {@link com.waltalk.desktop.ui.shell.MainWindow} (menu, reconnect banner, the screen for
 * the session's state, toasts, the settings and host windows) and
 * {@link com.waltalk.desktop.ui.shell.WindowContext}, what the composition root gives a window.
 *
 * <p><b>Uses</b> every other {@code ui} package, {@code session}, {@code connection}, {@code settings},
 * {@code host}, JavaFX and shared-runtime. It is the top of the UI; like every {@code ui} package it never
 * uses {@code net}, shared-protocol (but its {@code Limits}), the media pipelines or the composition root. <b>Used by</b> the
 * composition root only.
 *
 * <p><b>Threads.</b> JavaFX Application Thread; closing a window closes its session model on a
 * {@code session-close} thread, because that waits for the session thread to stop.
 */
package com.waltalk.desktop.ui.shell;
