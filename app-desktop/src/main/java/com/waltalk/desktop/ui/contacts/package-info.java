/**
 * The signed-in home screen: {@link com.waltalk.desktop.ui.contacts.HomeView} with "Add contact", the requests
 * (to me, from me, blocked), the contacts (live
 * presence, unread counts), the call history, and the selected contact with a call button and the chat;
 * {@link com.waltalk.desktop.ui.contacts.CallDescriptions} says in words how a call went.
 *
 * <p><b>Uses</b> {@code session}, {@code ui.chat}, {@code ui.common} and JavaFX. <b>Must not use</b>
 * {@code ui.call}, {@code ui.shell} or the other screens, and like every {@code ui} package never
 * {@code net}, shared-protocol (but its {@code Limits}), the media pipelines or the composition root. <b>Used by</b> {@code ui.call}
 * (call descriptions) and {@code ui.shell}.
 *
 * <p><b>Threads.</b> JavaFX Application Thread only.
 */
package com.waltalk.desktop.ui.contacts;
