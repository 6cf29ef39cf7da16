package com.waltalk.relay.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.relay.accounts.PasswordHasher;
import com.waltalk.testing.Crowd;
import com.waltalk.testing.RunningRelay;
import com.waltalk.testing.SimulatedClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in on a crowded relay (issue 12): with 1,001 accounts the old directory message broke sign-in for
 * everyone. With 10,000 accounts and 2,500 contacts for one user, that user gets every contact (in parts of
 * at most 1,000, the last one marked), then the rest of the sign-in, and everyone else signs in as usual.
 */
class ContactsScaleIT {

    private static final Duration T = Duration.ofSeconds(30);
    private static final int ACCOUNTS = 10_000;
    private static final int CONTACTS = 2_500;

    @RegisterExtension
    static final RunningRelay relay = RunningRelay.loopback("contacts_scale").withStrangers();

    @Test
    void signInWorksWithTenThousandAccountsAndThousandsOfContacts() throws Exception {
        String hash = new PasswordHasher().hash(Crowd.PASSWORD.toCharArray());
        Crowd.populate(relay.database().pool(), ACCOUNTS, CONTACTS, hash);

        long deadline = System.nanoTime() + T.toNanos();
        List<ContactEntry> all;
        List<Contacts> parts;
        do {
            try (SimulatedClient hub = Crowd.signIn(relay.webSocketUri(), Crowd.HUB)) {
                parts = new ArrayList<>();
                Contacts part;
                do {
                    part = hub.awaitControl(Contacts.class, c -> true, T);
                    parts.add(part);
                } while (!part.last());
                all = parts.stream().flatMap(p -> p.contacts().stream()).toList();
                assertThat(hub.awaitControl(CallHistory.class, h -> true, T).calls()).isEmpty();
            }
        } while (all.size() < CONTACTS && System.nanoTime() < deadline); // the relay may still be streaming the crowd in

        assertThat(all).hasSize(CONTACTS).allMatch(e -> e.relation() == ContactRelation.CONTACT);
        assertThat(parts).hasSize(3).allMatch(p -> p.contacts().size() <= 1000);
        assertThat(all).extracting(ContactEntry::user).doesNotHaveDuplicates();

        // a crowd member sees exactly the hub; one beyond the hub's contacts sees nobody
        try (SimulatedClient one = Crowd.signIn(relay.webSocketUri(), "crowd7");
             SimulatedClient lonely = Crowd.signIn(relay.webSocketUri(), "crowd9999")) {
            assertThat(one.awaitControl(Contacts.class, Contacts::last, T).contacts())
                    .extracting(ContactEntry::user).containsExactly(Crowd.HUB);
            assertThat(lonely.awaitControl(Contacts.class, Contacts::last, T).contacts()).isEmpty();
        }
    }
}
