/**
 * "Host on this computer": {@link com.waltalk.desktop.host.HostedRelay} runs the bundled relay (with its
 * embedded PostgreSQL in the user's data directory) inside the app, and
 * {@link com.waltalk.desktop.host.HostService} starts it once, off the JavaFX thread, and stops it on exit.
 *
 * <p><b>Uses</b> the relay module and shared-runtime; nothing of the desktop. <b>Used by</b>
 * {@code ui.host}, {@code ui.shell} and the composition root. The hosted relay is a relay like any other:
 * the app's own session reaches it over a WebSocket, never through these classes.
 *
 * <p><b>Threads.</b> The start (seconds: PostgreSQL starts) runs on a {@code host-relay-start} thread; the
 * relay then runs on its own threads (docs/ARCHITECTURE.md, "Relay threads").
 */
package com.waltalk.desktop.host;
