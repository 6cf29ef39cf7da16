package com.waltalk.relay.session;

import com.waltalk.relay.fanout.LocalRecipients;
import com.waltalk.relay.fanout.OutboundQueue;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions of this relay, by user name. One session per user: the newest sign-in wins and
 * the caller tells the older one why it is being closed. Removal is conditional on identity, so the
 * late close of a replaced connection can never unregister its successor. It is also what the fan-out
 * delivers to ({@link LocalRecipients}). Thread-safe.
 */
public final class SessionRegistry implements LocalRecipients {

    private final ConcurrentHashMap<String, ClientSession> byUser = new ConcurrentHashMap<>();

    /** Registers {@code session} for its user; returns the session it replaced, if any. */
    public Optional<ClientSession> register(ClientSession session) {
        String user = session.user();
        if (user == null) {
            throw new IllegalArgumentException("session is not signed in");
        }
        return Optional.ofNullable(byUser.put(user, session));
    }

    /** Unregisters {@code session} if — and only if — it is still the user's current session. */
    public boolean unregister(ClientSession session) {
        String user = session.user();
        return user != null && byUser.remove(user, session);
    }

    public ClientSession lookup(String user) {
        return byUser.get(user);
    }

    @Override
    public OutboundQueue outboundOf(String user) {
        ClientSession session = byUser.get(user);
        return session == null ? null : session.outbound();
    }

    public int size() {
        return byUser.size();
    }

    public Collection<ClientSession> all() {
        return byUser.values();
    }
}
