package com.waltalk.desktop.session;

/**
 * Receives {@link SessionEvent}s on the model's event thread. Implementations must return quickly
 * (hand the event to the UI thread, do not block): every further event waits for them. An exception
 * thrown here is logged and does not stop other listeners.
 */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
