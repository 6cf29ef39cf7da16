package com.waltalk.testing;

import com.waltalk.protocol.control.ContactAction;
import com.waltalk.protocol.control.ContactRelation;
import com.waltalk.protocol.control.ContactUpdate;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Contacts for tests. Calls, chat and presence work only between contacts, so most tests, which are about
 * something else, want their users to be contacts already: {@link #everyoneInContact} makes every account
 * created in a database a mutual contact of every other, atomically with its registration (a trigger, so the
 * contacts rows reach the relay's stream in the same transaction as the account, and no test waits or races).
 * {@link TestDatabase} and {@link RunningRelay} install it unless told that their users are strangers; tests
 * of contacts themselves use strangers and {@link #befriend} over the protocol.
 *
 * <p>Stateless; thread-safe.
 */
public final class TestContacts {

    private TestContacts() {
    }

    /** Installs (idempotently) the trigger that makes each new account a contact of every existing one. */
    public static void everyoneInContact(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION waltalk_test_everyone_in_contact() RETURNS trigger "
                    + "LANGUAGE plpgsql AS $$ BEGIN "
                    + "INSERT INTO contacts (owner_id, peer_id, state) "
                    + "SELECT NEW.id, u.id, 'accepted' FROM users u WHERE u.id <> NEW.id "
                    + "UNION ALL SELECT u.id, NEW.id, 'accepted' FROM users u WHERE u.id <> NEW.id; "
                    + "RETURN NEW; END $$");
            st.execute("DROP TRIGGER IF EXISTS users_test_everyone_in_contact ON users");
            st.execute("CREATE TRIGGER users_test_everyone_in_contact AFTER INSERT ON users "
                    + "FOR EACH ROW EXECUTE FUNCTION waltalk_test_everyone_in_contact()");
        }
    }

    /**
     * Makes two signed-in strangers contacts the way people do: {@code a} asks, {@code b} accepts; returns
     * once both have been told.
     */
    public static void befriend(SimulatedClient a, SimulatedClient b, Duration timeout)
            throws IOException, InterruptedException {
        String aName = a.signedIn().user();
        String bName = b.signedIn().user();
        a.sendControl(new ContactAction(bName, ContactAction.Kind.REQUEST));
        b.awaitControl(ContactUpdate.class, u -> u.user().equalsIgnoreCase(aName)
                && u.relation() == ContactRelation.INCOMING, timeout);
        b.sendControl(new ContactAction(aName, ContactAction.Kind.ACCEPT));
        a.awaitControl(ContactUpdate.class, u -> u.user().equalsIgnoreCase(bName)
                && u.relation() == ContactRelation.CONTACT, timeout);
        b.awaitControl(ContactUpdate.class, u -> u.user().equalsIgnoreCase(aName)
                && u.relation() == ContactRelation.CONTACT, timeout);
    }
}
