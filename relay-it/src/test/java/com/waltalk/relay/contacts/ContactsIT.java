package com.waltalk.relay.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.ChatHistory;
import com.waltalk.protocol.control.ContactAction;
import com.waltalk.protocol.control.ContactAction.Kind;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.ContactUpdate;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Ping;
import com.waltalk.protocol.control.Pong;
import com.waltalk.protocol.control.Presence;
import com.waltalk.protocol.control.PresenceStatus;
import com.waltalk.protocol.control.Register;
import com.waltalk.relay.accounts.AccountStore;
import com.waltalk.relay.accounts.PasswordHasher;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.TestContacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contacts and consent on the wire (issue 12): strangers neither see nor reach each other; a request,
 * once accepted, makes two people contacts with presence, calls and chat; decline, block (silent),
 * unblock and remove; and accounts are identities: a removed account's history and contacts go with it,
 * its name is quarantined, and a later account of the same name sees nothing of the old one.
 */
class ContactsIT {

    private static final Duration T = Duration.ofSeconds(10);
    /** Long enough for a message that should not arrive to have arrived. */
    private static final Duration QUIET = Duration.ofMillis(800);

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("contacts_it").withStrangers();

    private SimulatedClient user(String name) throws Exception {
        return SimulatedClient.signIn(relay.webSocketUri(), name);
    }

    @Test
    void strangersSeeNothingOfEachOtherAndCannotRingOrChat() throws Exception {
        try (SimulatedClient ann = user("ann"); SimulatedClient eve = user("eve")) {
            Contacts annList = ann.awaitControl(Contacts.class, Contacts::last, T);
            assertThat(annList.contacts()).isEmpty();
            // eve signing in and out again tells ann nothing
            eve.close();
            try (SimulatedClient eveAgain = user("eve")) {
                eveAgain.sendControl(new CallStart("ann"));
                assertThat(eveAgain.nextError(T).code()).isEqualTo(ErrorCode.NOT_A_CONTACT.wire());
                eveAgain.sendChat("ann", "hi stranger", null);
                assertThat(eveAgain.nextError(T).code()).isEqualTo(ErrorCode.NOT_A_CONTACT.wire());
                assertNothingAbout(ann, "eve");
            }
        }
    }

    @Test
    void anAcceptedRequestMakesContactsWithPresenceCallsAndChat() throws Exception {
        try (SimulatedClient bo = user("bo"); SimulatedClient cy = user("cy")) {
            bo.sendControl(new ContactAction("CY", Kind.REQUEST)); // exact name, any letter case
            assertThat(bo.awaitControl(ContactUpdate.class, u -> u.user().equals("cy"), T).relation())
                    .isEqualTo(ContactRelation.OUTGOING);
            ContactUpdate incoming = cy.awaitControl(ContactUpdate.class, u -> u.user().equals("bo"), T);
            assertThat(incoming.relation()).isEqualTo(ContactRelation.INCOMING);
            assertThat(incoming.status()).isEqualTo(PresenceStatus.OFFLINE); // no presence before consent

            cy.sendControl(new ContactAction("bo", Kind.ACCEPT));
            assertThat(bo.awaitControl(ContactUpdate.class, u -> u.user().equals("cy")
                    && u.relation() == ContactRelation.CONTACT, T).status()).isEqualTo(PresenceStatus.ONLINE);
            assertThat(cy.awaitControl(ContactUpdate.class, u -> u.user().equals("bo")
                    && u.relation() == ContactRelation.CONTACT, T).status()).isEqualTo(PresenceStatus.ONLINE);

            long call = SimulatedClient.establishCall(bo, cy);
            assertThat(bo.awaitControl(Presence.class, p -> p.user().equals("cy"), T).presenceStatus())
                    .isEqualTo(PresenceStatus.IN_CALL);
            assertThat(call).isPositive();
            bo.sendChat("cy", "hello contact", null);
            assertThat(cy.awaitControl(Chat.class, c -> c.body().equals("hello contact"), T).from()).isEqualTo("bo");

            // the list at the next sign-in
            try (SimulatedClient cyAgain = user("cy")) {
                Contacts list = cyAgain.awaitControl(Contacts.class, Contacts::last, T);
                assertThat(list.contacts()).extracting(ContactEntry::user, ContactEntry::relation)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("bo", ContactRelation.CONTACT));
            }
        }
    }

    @Test
    void requestsCrossingBecomeContactsAtOnce() throws Exception {
        try (SimulatedClient dee = user("dee"); SimulatedClient eli = user("eli")) {
            dee.sendControl(new ContactAction("eli", Kind.REQUEST));
            eli.awaitControl(ContactUpdate.class, u -> u.user().equals("dee"), T);
            eli.sendControl(new ContactAction("dee", Kind.REQUEST));
            dee.awaitControl(ContactUpdate.class, u -> u.user().equals("eli")
                    && u.relation() == ContactRelation.CONTACT, T);
            eli.awaitControl(ContactUpdate.class, u -> u.user().equals("dee")
                    && u.relation() == ContactRelation.CONTACT, T);
        }
    }

    @Test
    void aDeclinedRequestDisappearsOnBothSides() throws Exception {
        try (SimulatedClient fay = user("fay"); SimulatedClient gus = user("gus")) {
            fay.sendControl(new ContactAction("gus", Kind.REQUEST));
            gus.awaitControl(ContactUpdate.class, u -> u.user().equals("fay")
                    && u.relation() == ContactRelation.INCOMING, T);
            gus.sendControl(new ContactAction("fay", Kind.DECLINE));
            fay.awaitControl(ContactUpdate.class, u -> u.user().equals("gus") && u.relation() == ContactRelation.NONE, T);
            gus.awaitControl(ContactUpdate.class, u -> u.user().equals("fay") && u.relation() == ContactRelation.NONE, T);
            gus.sendControl(new ContactAction("fay", Kind.ACCEPT));
            assertThat(gus.nextError(T).code()).isEqualTo(ErrorCode.NO_CONTACT_REQUEST.wire());
        }
    }

    @Test
    void unknownNamesAndOneselfAreRefused() throws Exception {
        try (SimulatedClient hal = user("hal")) {
            hal.sendControl(new ContactAction("nobody_here", Kind.REQUEST));
            ErrorMessage e = hal.nextError(T);
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PEER.wire());
            assertThat(e.message()).contains("nobody_here");
            hal.sendControl(new ContactAction("HAL", Kind.REQUEST));
            assertThat(hal.nextError(T).code()).isEqualTo(ErrorCode.BAD_FIELD.wire());
        }
    }

    @Test
    void aBlockIsSilentAndImmediateAndEndsTheCall() throws Exception {
        try (SimulatedClient ivy = user("ivy"); SimulatedClient jon = user("jon")) {
            TestContacts.befriend(ivy, jon, T);
            long call = SimulatedClient.establishCall(jon, ivy);

            ivy.sendControl(new ContactAction("jon", Kind.BLOCK));
            assertThat(ivy.awaitControl(ContactUpdate.class, u -> u.user().equals("jon")
                    && u.relation() == ContactRelation.BLOCKED, T)).isNotNull();
            // jon still sees a contact, only offline now; the call ends as if ivy had hung up
            ContactUpdate seenByJon = jon.awaitControl(ContactUpdate.class, u -> u.user().equals("ivy"), T);
            assertThat(seenByJon.relation()).isEqualTo(ContactRelation.CONTACT);
            assertThat(seenByJon.status()).isEqualTo(PresenceStatus.OFFLINE);
            jon.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ENDED, T);

            // jon's ring reaches nobody: missed at once, like an offline contact; ivy hears nothing
            jon.sendControl(new CallStart("ivy"));
            CallUpdate missed = jon.awaitControl(CallUpdate.class, u -> u.callId() != call, T);
            assertThat(missed.state()).isEqualTo(CallState.MISSED);
            // jon's chat is echoed to jon as sent, and never delivered to ivy (now or in her history)
            jon.sendChat("ivy", "are you there?", "withheld-1");
            assertThat(jon.awaitControl(Chat.class, c -> "withheld-1".equals(c.clientMsgId()), T).body())
                    .isEqualTo("are you there?");
            assertNoMessage(ivy, m -> m instanceof Chat || m instanceof CallUpdate u && u.callId() != call);
            try (SimulatedClient ivyAgain = user("ivy")) {
                CallHistory calls = ivyAgain.awaitControl(CallHistory.class, h -> true, T);
                assertThat(calls.calls()).extracting(CallUpdate::callId).doesNotContain(missed.callId());
                ChatHistory history = ivyAgain.awaitControl(ChatHistory.class, h -> true, T);
                assertThat(history.messages()).extracting(Chat::body).doesNotContain("are you there?");

                // unblock: no relation remains; jon's old acceptance lets ivy's new request connect at once
                ivyAgain.sendControl(new ContactAction("jon", Kind.UNBLOCK));
                ivyAgain.awaitControl(ContactUpdate.class, u -> u.user().equals("jon")
                        && u.relation() == ContactRelation.NONE, T);
                ivyAgain.sendControl(new ContactAction("jon", Kind.REQUEST));
                ivyAgain.awaitControl(ContactUpdate.class, u -> u.user().equals("jon")
                        && u.relation() == ContactRelation.CONTACT && u.status() == PresenceStatus.ONLINE, T);
            }
        }
    }

    @Test
    void aRequestFromSomeoneBlockedNeverShows() throws Exception {
        try (SimulatedClient kim = user("kim"); SimulatedClient lou = user("lou")) {
            kim.sendControl(new ContactAction("lou", Kind.BLOCK));
            kim.awaitControl(ContactUpdate.class, u -> u.user().equals("lou"), T);
            lou.sendControl(new ContactAction("kim", Kind.REQUEST));
            assertThat(lou.awaitControl(ContactUpdate.class, u -> u.user().equals("kim"), T).relation())
                    .isEqualTo(ContactRelation.OUTGOING);
            assertNoMessage(kim, m -> m instanceof ContactUpdate u && u.user().equals("lou"));
        }
    }

    @Test
    void removingAContactIsOneSidedAndSilent() throws Exception {
        try (SimulatedClient max = user("max"); SimulatedClient nia = user("nia")) {
            TestContacts.befriend(max, nia, T);
            max.sendControl(new ContactAction("nia", Kind.REMOVE));
            max.awaitControl(ContactUpdate.class, u -> u.user().equals("nia") && u.relation() == ContactRelation.NONE, T);
            ContactUpdate seenByNia = nia.awaitControl(ContactUpdate.class, u -> u.user().equals("max"), T);
            assertThat(seenByNia.relation()).isEqualTo(ContactRelation.CONTACT);
            assertThat(seenByNia.status()).isEqualTo(PresenceStatus.OFFLINE);
            max.sendControl(new CallStart("nia"));
            assertThat(max.nextError(T).code()).isEqualTo(ErrorCode.NOT_A_CONTACT.wire());
        }
    }

    @Test
    void aRemovedAccountTakesItsHistoryAndItsNameIsQuarantined() throws Exception {
        AccountStore accounts = new AccountStore(relay.database().pool());
        try (SimulatedClient oli = user("oli"); SimulatedClient pam = user("pam")) {
            TestContacts.befriend(oli, pam, T);
            oli.sendChat("pam", "for the old pam", null);
            pam.awaitControl(Chat.class, c -> c.body().equals("for the old pam"), T);
            SimulatedClient.establishCall(oli, pam);

            assertThat(accounts.remove("pam")).isTrue();
            // oli is told: pam leaves every list and the call ends
            oli.awaitControl(ContactUpdate.class, u -> u.user().equals("pam") && u.relation() == ContactRelation.NONE, T);
            oli.awaitControl(CallUpdate.class, u -> u.state().isFinal(), T);
            assertThat(pam.awaitClosed(T)).isTrue();

            // nobody may register the name during the quarantine
            try (SimulatedClient mallory = SimulatedClient.connect(relay.webSocketUri())) {
                mallory.hello();
                mallory.sendControl(new Register("Pam", "a long enough password"));
                assertThat(mallory.nextError(T).code()).isEqualTo(ErrorCode.USER_EXISTS.wire());
            }
            // the operator may give the name out again; it is a new identity that inherits nothing
            accounts.create("pam", new PasswordHasher().hash(SimulatedClient.defaultPassword("pam").toCharArray()));
            try (SimulatedClient newPam = user("pam")) {
                assertThat(newPam.awaitControl(Contacts.class, Contacts::last, T).contacts()).isEmpty();
                assertThat(newPam.awaitControl(CallHistory.class, h -> true, T).calls()).isEmpty();
                assertThat(newPam.awaitControl(ChatHistory.class, h -> true, T).messages()).isEmpty();
                oli.sendChat("pam", "hello?", null);
                assertThat(oli.nextError(T).code()).isEqualTo(ErrorCode.NOT_A_CONTACT.wire());
                assertNothingAbout(oli, "pam-online");
            }
            try (SimulatedClient oliAgain = user("oli")) {
                assertThat(oliAgain.awaitControl(ChatHistory.class, h -> true, T).messages())
                        .extracting(Chat::body).doesNotContain("for the old pam");
            }
        }
    }

    /** Nothing about {@code other} reaches {@code c} within {@link #QUIET} (a ping marks the end). */
    private static void assertNothingAbout(SimulatedClient c, String other) throws Exception {
        assertNoMessage(c, m -> m instanceof Presence p && p.user().equals(other)
                || m instanceof ContactUpdate u && u.user().equals(other));
    }

    private static void assertNoMessage(SimulatedClient c, java.util.function.Predicate<ControlMessage> unwanted)
            throws Exception {
        Thread.sleep(QUIET.toMillis());
        long id = System.nanoTime();
        c.sendControl(new Ping(id));
        List<ControlMessage> seen = new ArrayList<>();
        while (true) {
            ControlMessage m = c.nextControl(T);
            if (m == null) {
                throw new AssertionError("no pong");
            }
            if (m instanceof Pong p && p.id() == id) {
                break;
            }
            seen.add(m);
        }
        assertThat(seen).noneMatch(unwanted);
    }
}
