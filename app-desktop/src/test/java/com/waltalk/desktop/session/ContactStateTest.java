package com.waltalk.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.PresenceStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contact lists as the relay's contacts / contact / presence messages shape them. */
class ContactStateTest {

    private final ContactState state = new ContactState();

    private static ContactEntry entry(String user, ContactRelation r, PresenceStatus s) {
        return new ContactEntry(user, r, s);
    }

    @Test
    void aListInPartsIsAppliedOnlyWithTheLastPart() {
        List<ContactEntry> all = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            all.add(entry(String.format("u%04d", i), ContactRelation.CONTACT, PresenceStatus.OFFLINE));
        }
        all.add(entry("zed", ContactRelation.INCOMING, PresenceStatus.OFFLINE));
        List<Contacts> parts = Contacts.split(all);
        assertThat(parts).hasSize(3);
        assertThat(state.replace(parts.get(0))).isFalse();
        assertThat(state.replace(parts.get(1))).isFalse();
        assertThat(state.lists()).isEqualTo(ContactLists.EMPTY);
        assertThat(state.replace(parts.get(2))).isTrue();
        assertThat(state.lists().contacts()).hasSize(2500);
        assertThat(state.lists().incoming()).containsExactly("zed");
        // the same list again changes nothing
        assertThat(state.replace(parts.get(0))).isFalse();
        assertThat(state.replace(parts.get(1))).isFalse();
        assertThat(state.replace(parts.get(2))).isFalse();
        assertThat(state.lists().contacts()).hasSize(2500);
    }

    @Test
    void anEmptyListIsAChangeFromNothingKnown() {
        assertThat(state.lists().received()).isFalse();
        assertThat(state.replace(new Contacts(List.of(), true))).isTrue();
        assertThat(state.lists().received()).isTrue();
        assertThat(state.lists().isEmpty()).isTrue();
        assertThat(state.replace(new Contacts(List.of(), true))).isFalse();
    }

    @Test
    void fourListsSortedByNameWithPresenceOnlyForContacts() {
        state.replace(new Contacts(List.of(
                entry("carol", ContactRelation.INCOMING, PresenceStatus.ONLINE),
                entry("Bob", ContactRelation.CONTACT, PresenceStatus.IN_CALL),
                entry("alice", ContactRelation.CONTACT, PresenceStatus.ONLINE),
                entry("dave", ContactRelation.OUTGOING, PresenceStatus.OFFLINE),
                entry("eve", ContactRelation.BLOCKED, PresenceStatus.ONLINE)), true));
        ContactLists l = state.lists();
        assertThat(l.contacts()).containsExactly(new Contact("alice", Presence.ONLINE), new Contact("Bob", Presence.IN_CALL));
        assertThat(l.incoming()).containsExactly("carol");
        assertThat(l.outgoing()).containsExactly("dave");
        assertThat(l.blocked()).containsExactly("eve");
        assertThat(l.relation("BOB")).contains(Relation.CONTACT);
        assertThat(l.relation("Carol")).contains(Relation.INCOMING);
        assertThat(l.relation("nobody")).isEmpty();
        assertThat(l.isContact("carol")).isFalse();
        // presence of a non-contact is ignored (the relay never sends it, a stale one must not show)
        assertThat(state.presence("carol", PresenceStatus.ONLINE)).isFalse();
        assertThat(state.presence("eve", PresenceStatus.IN_CALL)).isFalse();
        assertThat(state.presence("alice", PresenceStatus.OFFLINE)).isTrue();
        assertThat(state.lists().contact("alice")).contains(new Contact("alice", Presence.OFFLINE));
        assertThat(state.presence("alice", PresenceStatus.OFFLINE)).isFalse();
    }

    @Test
    void aRequestAcceptedBlockedUnblockedAndRemoved() {
        state.replace(new Contacts(List.of(), true));
        assertThat(state.update(new ContactUpdate("bob", ContactRelation.INCOMING, PresenceStatus.OFFLINE))).isTrue();
        assertThat(state.lists().incoming()).containsExactly("bob");
        assertThat(state.update(new ContactUpdate("bob", ContactRelation.CONTACT, PresenceStatus.ONLINE))).isTrue();
        assertThat(state.lists().incoming()).isEmpty();
        assertThat(state.lists().contacts()).containsExactly(new Contact("bob", Presence.ONLINE));
        // a repeated update is not a change
        assertThat(state.update(new ContactUpdate("bob", ContactRelation.CONTACT, PresenceStatus.ONLINE))).isFalse();
        assertThat(state.update(new ContactUpdate("bob", ContactRelation.BLOCKED, PresenceStatus.ONLINE))).isTrue();
        assertThat(state.lists().contacts()).isEmpty();
        assertThat(state.lists().blocked()).containsExactly("bob");
        // another spelling of the same name is the same person
        assertThat(state.update(new ContactUpdate("BOB", ContactRelation.NONE, PresenceStatus.OFFLINE))).isTrue();
        assertThat(state.lists().isEmpty()).isTrue();
        assertThat(state.update(new ContactUpdate("bob", ContactRelation.NONE, PresenceStatus.OFFLINE))).isFalse();
    }

    @Test
    void aListCutOffByAReconnectIsDroppedAndTheNewOneReplacesEverything() {
        state.replace(new Contacts(List.of(entry("old", ContactRelation.CONTACT, PresenceStatus.ONLINE)), true));
        state.replace(new Contacts(List.of(entry("gone", ContactRelation.INCOMING, PresenceStatus.OFFLINE)), false));
        state.newConnection();
        assertThat(state.replace(new Contacts(List.of(entry("new", ContactRelation.OUTGOING, PresenceStatus.OFFLINE)),
                true))).isTrue();
        assertThat(state.lists()).isEqualTo(new ContactLists(List.of(), List.of(), List.of("new"), List.of()));
        assertThat(state.lists().received()).isTrue();
        state.clear();
        assertThat(state.lists()).isEqualTo(ContactLists.EMPTY);
    }
}
