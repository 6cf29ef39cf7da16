package com.waltalk.desktop.ui.common;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.session.Contact;
import com.waltalk.desktop.session.ContactLists;
import com.waltalk.desktop.session.ConnectionStatus;
import com.waltalk.desktop.session.Conversation;
import com.waltalk.desktop.session.Credentials;
import com.waltalk.desktop.session.MediaSwitches;
import com.waltalk.desktop.session.SessionEvent;
import com.waltalk.desktop.session.SessionListener;
import com.waltalk.desktop.session.SessionModel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The {@link SessionModel} seen from the JavaFX thread: its state as observable properties and lists that
 * screens bind to, updated from the model's events with {@link Platform#runLater}. Commands still go to
 * {@link #model()} directly (they return at once and never block the UI).
 *
 * <p>Not thread-safe: read the properties and add handlers on the JavaFX thread only.
 */
public final class FxSession implements AutoCloseable {

    private final SessionModel model;
    private final ObjectProperty<ConnectionStatus> connection = new SimpleObjectProperty<>(ConnectionStatus.INITIAL);
    private final ObjectProperty<ContactLists> contactLists = new SimpleObjectProperty<>(ContactLists.EMPTY);
    private final ObservableList<Contact> contacts = FXCollections.observableArrayList();
    private final ObservableList<String> incoming = FXCollections.observableArrayList();
    private final ObservableList<String> outgoing = FXCollections.observableArrayList();
    private final ObservableList<String> blocked = FXCollections.observableArrayList();
    private final ObjectProperty<CallView> currentCall = new SimpleObjectProperty<>();
    private final ObservableList<CallView> history = FXCollections.observableArrayList();
    private final ObservableMap<String, Conversation> conversations = FXCollections.observableHashMap();
    private final IntegerProperty totalUnread = new SimpleIntegerProperty();
    private final ObjectProperty<MediaSwitches> localMedia = new SimpleObjectProperty<>(MediaSwitches.ALL_ON);
    private final List<Consumer<CallView>> callHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Credentials>> credentialHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<SessionEvent.CommandFailed>> failureHandlers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Conversation>> conversationHandlers = new CopyOnWriteArrayList<>();
    private final SessionListener listener = this::onModelThread;
    private volatile boolean closed;

    public FxSession(SessionModel model) {
        this.model = model;
        connection.set(model.connection());
        showContacts(model.contacts());
        currentCall.set(model.currentCall().orElse(null));
        history.setAll(model.callHistory());
        for (Conversation c : model.conversations()) {
            conversations.put(c.peer(), c);
        }
        totalUnread.set(model.totalUnread());
        localMedia.set(model.localMedia());
        model.addListener(listener);
    }

    public SessionModel model() {
        return model;
    }

    private void onModelThread(SessionEvent event) {
        if (!closed) {
            Platform.runLater(() -> apply(event));
        }
    }

    /** Applies one event; package-visible for tests that replay events. */
    void apply(SessionEvent event) {
        if (closed) {
            return;
        }
        if (event instanceof SessionEvent.ConnectionChanged e) {
            connection.set(e.status());
        } else if (event instanceof SessionEvent.CredentialsIssued e) {
            credentialHandlers.forEach(h -> h.accept(e.credentials()));
        } else if (event instanceof SessionEvent.ContactsChanged e) {
            showContacts(e.lists());
        } else if (event instanceof SessionEvent.CallChanged e) {
            currentCall.set(e.call().ended() ? null : e.call());
            callHandlers.forEach(h -> h.accept(e.call()));
        } else if (event instanceof SessionEvent.CallHistoryChanged e) {
            history.setAll(e.calls());
        } else if (event instanceof SessionEvent.ConversationChanged e) {
            conversations.put(e.conversation().peer(), e.conversation());
            totalUnread.set(e.totalUnread());
            conversationHandlers.forEach(h -> h.accept(e.conversation()));
        } else if (event instanceof SessionEvent.LocalMediaChanged e) {
            localMedia.set(e.local());
        } else if (event instanceof SessionEvent.CommandFailed e) {
            failureHandlers.forEach(h -> h.accept(e));
        }
    }

    // each list is replaced only when it changed: replacing a list clears its ListView's selection
    private void showContacts(ContactLists lists) {
        contactLists.set(lists);
        replaceIfChanged(contacts, lists.contacts());
        replaceIfChanged(incoming, lists.incoming());
        replaceIfChanged(outgoing, lists.outgoing());
        replaceIfChanged(blocked, lists.blocked());
    }

    private static <T> void replaceIfChanged(ObservableList<T> shown, List<T> now) {
        if (!shown.equals(now)) {
            shown.setAll(now);
        }
    }

    public ReadOnlyObjectProperty<ConnectionStatus> connectionProperty() {
        return connection;
    }

    /** My contacts with presence, sorted by name. */
    public ObservableList<Contact> contacts() {
        return contacts;
    }

    /** All four contact lists at once (replaced on every change). */
    public ReadOnlyObjectProperty<ContactLists> contactListsProperty() {
        return contactLists;
    }

    /** Names of people who asked me to become contacts, sorted. */
    public ObservableList<String> incomingRequests() {
        return incoming;
    }

    /** Names of people I asked, sorted. */
    public ObservableList<String> outgoingRequests() {
        return outgoing;
    }

    /** Names of people I block, sorted. */
    public ObservableList<String> blocked() {
        return blocked;
    }

    /** The ringing or accepted call, or null. */
    public ReadOnlyObjectProperty<CallView> currentCallProperty() {
        return currentCall;
    }

    /** Recent calls, newest first. */
    public ObservableList<CallView> history() {
        return history;
    }

    /** Conversations by peer. */
    public ObservableMap<String, Conversation> conversations() {
        return conversations;
    }

    public Optional<Conversation> conversation(String peer) {
        return Optional.ofNullable(conversations.get(peer));
    }

    public ReadOnlyIntegerProperty totalUnreadProperty() {
        return totalUnread;
    }

    public ReadOnlyObjectProperty<MediaSwitches> localMediaProperty() {
        return localMedia;
    }

    /** Called with every call change, including the final one (phase ENDED). */
    public void onCallChanged(Consumer<CallView> handler) {
        callHandlers.add(handler);
    }

    /** Called when the relay issues a token. */
    public void onCredentials(Consumer<Credentials> handler) {
        credentialHandlers.add(handler);
    }

    /** Called when a command failed (command name, failure). */
    public void onCommandFailed(BiConsumer<String, Failure> handler) {
        failureHandlers.add(e -> handler.accept(e.command(), e.failure()));
    }

    /** Called when a command failed, with the user it was about ({@link SessionEvent.CommandFailed#subject()}). */
    public void onCommandFailure(Consumer<SessionEvent.CommandFailed> handler) {
        failureHandlers.add(handler);
    }

    /** Called when a conversation changed (message arrived, confirmed, read). */
    public void onConversationChanged(Consumer<Conversation> handler) {
        conversationHandlers.add(handler);
    }

    /** Stops following the model (does not close it). */
    @Override
    public void close() {
        closed = true;
        model.removeListener(listener);
    }
}
