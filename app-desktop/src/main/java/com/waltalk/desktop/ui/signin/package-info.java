/**
 * The sign-in screen: {@link com.waltalk.desktop.ui.signin.SignInView} (relay address, user, password,
 * register, automatic sign-in, choosing a relay's certificate) and
 * {@link com.waltalk.desktop.ui.signin.SignInController}, which signs in through the session model,
 * remembers relay, user and token (never the password) and explains failures.
 *
 * <p><b>Uses</b> {@code session}, {@code connection} (the relay endpoint and trust store, failure kinds),
 * {@code settings}, {@code ui.common} and JavaFX. <b>Must not use</b> the other {@code ui} packages, and like
 * every {@code ui} package never {@code net}, shared-protocol (but its {@code Limits}), the media pipelines or the composition root.
 * <b>Used by</b> {@code ui.shell} and the composition root (the demo fills it in).
 *
 * <p><b>Threads.</b> JavaFX Application Thread; sign-ins complete on the session thread and are handed back
 * with {@code Platform.runLater}.
 */
package com.waltalk.desktop.ui.signin;
