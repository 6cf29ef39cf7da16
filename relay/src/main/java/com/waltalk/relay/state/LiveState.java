package com.waltalk.relay.state;

import com.waltalk.relay.calls.CallRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's mirror of the shared state it needs on every message: the user directory, who is
 * signed in where, and the active calls. Written only by the replication thread, from a snapshot
 * and then the stream; read by everyone.
 *
 * <p>Thread-safety: single lookups ({@link #activeCall}, {@link #presence}) are lock-free and safe
 * from any thread. Compound operations that must be consistent with what is broadcast to sessions
 * (apply a change and notify; subscribe a session and send it the directory) synchronize on this
 * object — see {@link #lock()}.
 */
public final class LiveState {

    /** Presence as clients see it. */
    public enum Status { ONLINE, IN_CALL, OFFLINE }

    private final Map<Long, String> usersById = new ConcurrentHashMap<>();
    private final Set<Long> removedAccounts = ConcurrentHashMap.newKeySet();
    private final Set<String> users = ConcurrentHashMap.newKeySet();
    private final Map<String, PresenceRecord> presence = new ConcurrentHashMap<>();
    private final Map<Long, CallRecord> activeCalls = new ConcurrentHashMap<>();
    private final Map<String, Long> activeCallByUser = new ConcurrentHashMap<>();

    /** The monitor that makes "change + broadcast" and "subscribe + directory" atomic with each other. */
    public Object lock() {
        return this;
    }

    public synchronized void replaceAll(Map<Long, String> allUsers, Collection<PresenceRecord> allPresence,
                                        Collection<CallRecord> calls) {
        usersById.clear();
        usersById.putAll(allUsers);
        users.clear();
        users.addAll(allUsers.values());
        presence.clear();
        for (PresenceRecord p : allPresence) {
            presence.put(p.user(), p);
        }
        activeCalls.clear();
        activeCallByUser.clear();
        for (CallRecord c : calls) {
            putCall(c);
        }
    }

    public void addUser(long id, String name) {
        usersById.put(id, name);
        users.add(name);
    }

    /** Removes the user with this id; returns its name, or null if unknown. */
    public String removeUser(long id) {
        String name = usersById.remove(id);
        if (name != null) {
            users.remove(name);
        }
        return name;
    }

    /**
     * Remembers that the account with this id was deleted (ids are never reused). A sign-in that checked
     * the account just before the deletion registers its session after the stream's removal went by;
     * it looks here, under {@link #lock()}, to refuse itself.
     */
    public void markAccountRemoved(long id) {
        removedAccounts.add(id);
    }

    public boolean accountRemoved(long id) {
        return removedAccounts.contains(id);
    }

    public boolean userExists(String name) {
        return users.contains(name);
    }

    public PresenceRecord presence(String user) {
        return presence.get(user);
    }

    public void putPresence(PresenceRecord p) {
        presence.put(p.user(), p);
    }

    /** Removes the user's presence if it still belongs to {@code sessionId} (or unconditionally if null). */
    public void removePresence(String user, java.util.UUID sessionId) {
        if (sessionId == null) {
            presence.remove(user);
        } else {
            presence.computeIfPresent(user, (u, p) -> p.sessionId().equals(sessionId) ? null : p);
        }
    }

    /** Records a call's new state: active calls are tracked, final ones forgotten. */
    public void putCall(CallRecord call) {
        if (call.active()) {
            activeCalls.put(call.id(), call);
            activeCallByUser.put(call.caller(), call.id());
            activeCallByUser.put(call.callee(), call.id());
        } else {
            activeCalls.remove(call.id());
            activeCallByUser.remove(call.caller(), call.id());
            activeCallByUser.remove(call.callee(), call.id());
        }
    }

    /** The active (ringing or accepted) call with this id, or null. */
    public CallRecord activeCall(long callId) {
        return activeCalls.get(callId);
    }

    /** The user's active call, or null. */
    public CallRecord activeCallOf(String user) {
        Long id = activeCallByUser.get(user);
        return id == null ? null : activeCalls.get(id);
    }

    public Collection<CallRecord> activeCalls() {
        return List.copyOf(activeCalls.values());
    }

    public Status status(String user) {
        if (!presence.containsKey(user)) {
            return Status.OFFLINE;
        }
        CallRecord call = activeCallOf(user);
        return call != null && call.accepted() ? Status.IN_CALL : Status.ONLINE;
    }

    /** Every known user with its status, sorted by name (case-insensitively). */
    public synchronized List<Map.Entry<String, Status>> directory() {
        TreeSet<String> sorted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        sorted.addAll(users);
        List<Map.Entry<String, Status>> out = new ArrayList<>(sorted.size());
        for (String u : sorted) {
            out.add(Map.entry(u, status(u)));
        }
        return out;
    }
}
