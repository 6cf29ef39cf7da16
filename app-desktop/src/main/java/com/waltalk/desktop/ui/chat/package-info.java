/**
 * The chat with one peer: {@link com.waltalk.desktop.ui.chat.ChatPanel} (the messages and a line to write
 * a new one; while it shows in a focused window, incoming messages count as read) and its bubble cells.
 * Shown beside the contacts and during a call.
 *
 * <p><b>Uses</b> {@code session} (conversations, chat lines), {@code ui.common} and JavaFX. <b>Must not
 * use</b> the other {@code ui} packages, and like every {@code ui} package never {@code net},
 * shared-protocol (but its {@code Limits}), the media pipelines or the composition root. <b>Used by</b> {@code ui.contacts} and
 * {@code ui.call}.
 *
 * <p><b>Threads.</b> JavaFX Application Thread only.
 */
package com.waltalk.desktop.ui.chat;
