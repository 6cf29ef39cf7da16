/**
 * The "Host on this computer" window: {@link com.waltalk.desktop.ui.host.HostView} starts the hosted relay
 * and shows the addresses other computers can use.
 *
 * <p><b>Uses</b> {@code host} and JavaFX. <b>Must not use</b> the other {@code ui} packages, and like every
 * {@code ui} package never {@code net}, shared-protocol (but its {@code Limits}), the media pipelines or the composition root.
 * <b>Used by</b> {@code ui.shell}.
 *
 * <p><b>Threads.</b> JavaFX Application Thread; the relay starts on {@code host-relay-start} and the view
 * hears of it through {@code Platform.runLater}.
 */
package com.waltalk.desktop.ui.host;
