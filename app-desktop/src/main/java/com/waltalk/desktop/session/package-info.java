/**
 * One user's session with a relay as a model without UI types: {@link com.waltalk.desktop.session.SessionModel}
 * (commands in, immutable {@link com.waltalk.desktop.session.SessionEvent}s and snapshots out) and its
 * values (connection status, contact lists with presence, call views, conversations, media switches,
 * credentials). The implementation is a façade, {@code DesktopSession}, that owns the session thread and
 * routes to one part per concern: {@code ConnectionCoordinator} (sign-in, status), {@code ContactBook} (contact lists and commands; with
 * {@code ContactState}),
 * {@code CallCoordinator} (current call, history, my switches; with {@code CallLog}) and {@code ChatInbox}
 * (chats and unread counts; with {@code ChatLog}), sending through {@code RelayCommands} and telling
 * listeners through {@code SessionListeners}.
 *
 * <p><b>Uses</b> {@code net} (the relay client), {@code call} (the media link), {@code connection},
 * shared-protocol and shared-runtime. <b>Must not use</b> JavaFX, the {@code ui} packages, {@code settings}
 * or the media pipelines ({@code audio}, {@code capture}, {@code playback}, {@code video}). <b>Used by</b>
 * the {@code ui} packages, the composition root and {@code bench}, through the public types only
 * ({@code SessionModel.create} is the one way in; the parts are package-private).
 *
 * <p><b>Threads.</b> All model state, the relay client's state machine and timers, and every listener call
 * are on one thread per model, {@code waltalk-session}. Commands return at once and hop onto it; getters
 * read volatile immutable snapshots from any thread. Media never touches this thread.
 */
package com.waltalk.desktop.session;
