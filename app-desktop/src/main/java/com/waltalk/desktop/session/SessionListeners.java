package com.waltalk.desktop.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SessionListener}s of one session model, and the one place its events are handed to them.
 *
 * <p>Thread-safety: listeners may be added and removed from any thread. {@link #publish} is called on the
 * session thread only, so listeners get the events one at a time, in the order the changes happened; a
 * listener that throws is logged and does not keep the event from the others.
 */
final class SessionListeners {

    private static final Logger log = LoggerFactory.getLogger(SessionListeners.class);

    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    void add(SessionListener listener) {
        listeners.add(listener);
    }

    void remove(SessionListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; session thread only. */
    void publish(SessionEvent event) {
        for (SessionListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("session listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
