package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.ContactCommand;
import com.waltalk.desktop.session.ContactLists;
import com.waltalk.desktop.session.SessionEvent;
import com.waltalk.desktop.ui.common.FailureText;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.Toasts;
import java.util.HashSet;
import java.util.Set;

/**
 * Toasts about contacts: a new request to me ("X wants to be your contact"), someone accepting mine, and
 * the refusal of a contact command other than "add" (which {@link AddContactBar} explains in place).
 * Requests that were already there when the list arrived at sign-in are counted by the tab's badge, not
 * toasted.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class ContactNotices {

    private final Toasts toasts;

    public ContactNotices(FxSession session, Toasts toasts) {
        this.toasts = toasts;
        session.contactListsProperty().addListener((o, was, now) -> changed(was, now));
        session.onCommandFailure(this::failed);
    }

    private void changed(ContactLists was, ContactLists now) {
        if (was == null || !was.received()) {
            return; // the list of a new sign-in: nothing happened just now
        }
        Set<String> asked = new HashSet<>(now.incoming());
        was.incoming().forEach(asked::remove);
        for (String user : asked) {
            toasts.show("Contact request", user + " wants to be your contact. Accept or decline under Requests.");
        }
        for (String user : was.outgoing()) {
            if (now.isContact(user)) {
                toasts.show("New contact", user + " accepted your request. You can call and message them now.");
            }
        }
    }

    private void failed(SessionEvent.CommandFailed e) {
        ContactCommand.of(e.command()).filter(c -> c != ContactCommand.ADD).ifPresent(c ->
                toasts.show("Contacts", FailureText.forCommand(e.command(), e.subject(), e.failure())));
    }
}
