package com.waltalk.relay.state;

import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.relay.calls.CallRecord;
import com.waltalk.relay.contacts.ContactState;
import com.waltalk.relay.contacts.ContactViews;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's mirror of the shared state it needs on every message: the accounts (id and name), the
 * {@code contacts} rows, who is signed in where, and the active calls. Written only by the replication thread, from a snapshot
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
    private final Map<String, Long> idsByName = new ConcurrentHashMap<>();
    // contacts rows: owner → (peer → state), and peer → owners for the other direction
    private final Map<Long, Map<Long, ContactState>> contactsByOwner = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> ownersByPeer = new ConcurrentHashMap<>();
    private final Map<String, PresenceRecord> presence = new ConcurrentHashMap<>();
    private final Map<Long, CallRecord> activeCalls = new ConcurrentHashMap<>();
    private final Map<String, Long> activeCallByUser = new ConcurrentHashMap<>();

    /** The monitor that makes "change + broadcast" and "subscribe + directory" atomic with each other. */
    public Object lock() {
        return this;
    }

    /** One row of {@code contacts}. */
    public record ContactRow(long owner, long peer, ContactState state) {
    }

    /** How one person stands to a user, as the user is shown it. */
    public record ContactView(String user, ContactRelation relation, Status status) {
    }

    public synchronized void replaceAll(Map<Long, String> allUsers, Collection<ContactRow> allContacts,
                                        Collection<PresenceRecord> allPresence, Collection<CallRecord> calls) {
        usersById.clear();
        usersById.putAll(allUsers);
        users.clear();
        users.addAll(allUsers.values());
        idsByName.clear();
        allUsers.forEach((id, name) -> idsByName.put(name, id));
        contactsByOwner.clear();
        ownersByPeer.clear();
        for (ContactRow row : allContacts) {
            putContact(row.owner(), row.peer(), row.state());
        }
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
        idsByName.put(name, id);
    }

    /**
     * Removes the user with this id, and every contacts row about it (the database removes them with the
     * account; their deletes follow in the stream and find nothing left). Returns its name, or null if unknown.
     */
    public String removeUser(long id) {
        String name = usersById.remove(id);
        if (name != null) {
            users.remove(name);
            idsByName.remove(name, id);
        }
        Map<Long, ContactState> owned = contactsByOwner.remove(id);
        if (owned != null) {
            for (Long peer : owned.keySet()) {
                Set<Long> owners = ownersByPeer.get(peer);
                if (owners != null) {
                    owners.remove(id);
                }
            }
        }
        Set<Long> owners = ownersByPeer.remove(id);
        if (owners != null) {
            for (Long owner : owners) {
                Map<Long, ContactState> m = contactsByOwner.get(owner);
                if (m != null) {
                    m.remove(id);
                }
            }
        }
        return name;
    }

    /** Every account with a contacts row to or from this one. */
    public Set<Long> relatedTo(long id) {
        Set<Long> out = new java.util.HashSet<>();
        Map<Long, ContactState> owned = contactsByOwner.get(id);
        if (owned != null) {
            out.addAll(owned.keySet());
        }
        Set<Long> owners = ownersByPeer.get(id);
        if (owners != null) {
            out.addAll(owners);
        }
        return out;
    }

    /** The account id of the user with this (canonical) name, or null. */
    public Long idOf(String name) {
        return idsByName.get(name);
    }

    /** The name of the account with this id, or null. */
    public String nameOf(long id) {
        return usersById.get(id);
    }

    public void putContact(long owner, long peer, ContactState state) {
        contactsByOwner.computeIfAbsent(owner, k -> new ConcurrentHashMap<>()).put(peer, state);
        ownersByPeer.computeIfAbsent(peer, k -> ConcurrentHashMap.newKeySet()).add(owner);
    }

    public void removeContact(long owner, long peer) {
        Map<Long, ContactState> m = contactsByOwner.get(owner);
        if (m != null) {
            m.remove(peer);
            if (m.isEmpty()) {
                contactsByOwner.remove(owner, m);
            }
        }
        Set<Long> owners = ownersByPeer.get(peer);
        if (owners != null) {
            owners.remove(owner);
            if (owners.isEmpty()) {
                ownersByPeer.remove(peer, owners);
            }
        }
    }

    /** The owner's row about the peer, or null. */
    public ContactState contact(long owner, long peer) {
        Map<Long, ContactState> m = contactsByOwner.get(owner);
        return m == null ? null : m.get(peer);
    }

    /** Whether the two accept each other (see {@link ContactViews#mutual}). */
    public boolean mutual(long a, long b) {
        return ContactViews.mutual(contact(a, b), contact(b, a));
    }

    /** How {@code other} stands to {@code viewer}, with the presence the viewer may see. */
    public ContactView view(long viewer, long other) {
        String name = usersById.get(other);
        if (name == null) {
            return null;
        }
        ContactState mine = contact(viewer, other);
        ContactState theirs = contact(other, viewer);
        ContactRelation relation = ContactViews.relation(mine, theirs);
        return new ContactView(name, relation, ContactViews.mutual(mine, theirs) ? status(name) : Status.OFFLINE);
    }

    /**
     * Everyone the viewer has a relation with (its own rows, and requests to it), sorted by name
     * case-insensitively. Call under {@link #lock()} to be consistent with what is broadcast.
     */
    public List<ContactView> contactsOf(long viewer) {
        TreeSet<Long> others = new TreeSet<>();
        Map<Long, ContactState> owned = contactsByOwner.get(viewer);
        if (owned != null) {
            others.addAll(owned.keySet());
        }
        Set<Long> owners = ownersByPeer.get(viewer);
        if (owners != null) {
            others.addAll(owners);
        }
        List<ContactView> out = new ArrayList<>(others.size());
        for (Long other : others) {
            ContactView v = view(viewer, other);
            if (v != null && v.relation() != ContactRelation.NONE) {
                out.add(v);
            }
        }
        out.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.user(), b.user()));
        return out;
    }

    /** The accounts that accept this one and are accepted by it: those who see its presence. */
    public List<Long> mutualContactsOf(long id) {
        Map<Long, ContactState> owned = contactsByOwner.get(id);
        if (owned == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        owned.forEach((peer, state) -> {
            if (state == ContactState.ACCEPTED && contact(peer, id) == ContactState.ACCEPTED) {
                out.add(peer);
            }
        });
        return out;
    }

    /** How many contacts rows the mirror holds (for metrics and tests). */
    public int contactRows() {
        return contactsByOwner.values().stream().mapToInt(Map::size).sum();
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

}
