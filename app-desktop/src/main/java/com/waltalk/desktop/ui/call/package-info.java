/**
 * The call screens and what drives them: {@link com.waltalk.desktop.ui.call.CallController} (shows the
 * screen for the current call, rings, notifies, explains outcomes, starts and stops the media through
 * {@link com.waltalk.desktop.ui.call.CallMediaHooks}), {@code CallScreen} with {@code RingingView} and
 * {@code InCallView} (videos, switches, chat, statistics overlay), and the synthesised {@code Ringtone}.
 *
 * <p><b>Uses</b> {@code session}, {@code call} (statistics of the media link), {@code connection},
 * {@code settings}, {@code ui.chat}, {@code ui.contacts}, {@code ui.common}, JavaFX and javax.sound (the
 * ringtone). <b>Must not use</b> {@code ui.shell} or the other screens, and like every {@code ui} package
 * never {@code net}, shared-protocol (but its {@code Limits}), the media pipelines ({@code audio}, {@code capture},
 * {@code playback}, {@code video}, {@code media}) or the composition root: the pipelines are reached
 * through {@code CallMediaHooks}, which the composition root implements. <b>Used by</b> {@code ui.shell} and
 * the composition root.
 *
 * <p><b>Threads.</b> JavaFX Application Thread, except the tones: {@code Ringtone} plays on a
 * {@code ringtone} (or {@code test-sound}) thread and may be called from any thread.
 */
package com.waltalk.desktop.ui.call;
