package com.waltalk.relay.session;

import com.waltalk.relay.presence.PresenceStore;
import com.waltalk.relay.state.LiveState;
import com.waltalk.relay.state.LocalSessions;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the presence of this relay's connected sessions back after it was removed under them — when
 * another relay expired this relay's lease while it was paused or cut off from the database. Each
 * session is re-claimed on its own worker, the thread that also releases its presence on close, so a
 * session that is closing can never be left behind as a ghost. Thread-safe.
 */
public final class PresenceReclaimer implements LocalSessions {

    private static final Logger log = LoggerFactory.getLogger(PresenceReclaimer.class);

    private final String relayId;
    private final SessionRegistry registry;
    private final LiveState state;
    private final PresenceStore presence;

    public PresenceReclaimer(String relayId, SessionRegistry registry, LiveState state, PresenceStore presence) {
        this.relayId = relayId;
        this.registry = registry;
        this.state = state;
        this.presence = presence;
    }

    @Override
    public int reclaimPresence(boolean all) {
        int scheduled = 0;
        for (ClientSession session : registry.all()) {
            String user = session.user();
            if (!all && state.presence(user) != null) {
                continue;
            }
            scheduled++;
            UUID sessionId = session.sessionId();
            session.worker().execute(() -> {
                // unregistered first, released after on this same worker: either we see it gone, or the
                // release runs after us and removes what we wrote
                if (registry.lookup(user) != session || !session.channel().isOpen()) {
                    return;
                }
                try {
                    if (presence.reclaim(user, relayId, sessionId)) {
                        log.info("{}: presence re-claimed", session);
                    }
                } catch (SQLException e) {
                    log.warn("{}: could not re-claim presence (next housekeeping round tries again): {}", session,
                            e.getMessage());
                }
            });
        }
        return scheduled;
    }
}
