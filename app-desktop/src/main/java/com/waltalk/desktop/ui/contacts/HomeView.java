package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.session.ConnectionState;
import com.waltalk.desktop.session.ConnectionStatus;
import com.waltalk.desktop.session.Contact;
import com.waltalk.desktop.session.Conversation;
import com.waltalk.desktop.session.Presence;
import com.waltalk.desktop.ui.chat.ChatPanel;
import com.waltalk.desktop.ui.common.Avatar;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.Icons;
import com.waltalk.desktop.ui.common.PresenceLook;
import com.waltalk.desktop.ui.common.Presences;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.MapChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main screen after sign-in: on the left who I am, "Add contact", a search box, and three tabs — the
 * contacts with live presence and unread counts, the requests (to me, from me, blocked people; with a count
 * badge of requests to me), and the call history; on the right the selected contact with a call button, a
 * menu to remove or block them, and the chat. Calls and chat are possible with contacts only: for anyone else
 * (a removed contact, a name from the history) the call button and the chat input are disabled.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class HomeView extends BorderPane {

    private final FxSession session;
    private final TextField search = new TextField();
    private final ListView<Contact> contactList = new ListView<>();
    private final ListView<CallView> historyList = new ListView<>();
    private final TabPane tabs = new TabPane();
    private final StackPane detail = new StackPane();
    private final ChatPanel chat;
    private final Label peerName = new Label();
    private final Label peerStatus = new Label();
    private final StackPane peerAvatar = new StackPane();
    private final Button call = new Button("Call");
    private final MenuButton contactActions = new MenuButton();
    private final AddContactBar addContact;
    private final RequestsView requests;
    private final Label requestsBadge = new Label();
    private final StringProperty selectedProperty = new SimpleStringProperty();
    private final VBox emptyDetail;
    private final VBox conversation;
    private final Label meName = new Label();
    private final Label meStatus = new Label();
    private final StackPane meAvatar = new StackPane();
    private final Button settingsButton = new Button();
    private Consumer<String> onCall = peer -> { };
    private String selected;

    public HomeView(FxSession session) {
        this.session = session;
        getStyleClass().add("home");

        // ---- sidebar ----
        meName.getStyleClass().add("subtitle");
        meName.setId("meName");
        meStatus.getStyleClass().add("small");
        meStatus.setId("meStatus");
        VBox me = new VBox(1, meName, meStatus);
        me.setMinWidth(0);
        HBox.setHgrow(me, Priority.ALWAYS);
        settingsButton.setId("settingsButton");
        settingsButton.setGraphic(Icons.of(Icons.SETTINGS, 18));
        settingsButton.getStyleClass().add("flat");
        settingsButton.setTooltip(new Tooltip("Settings (Ctrl+,)"));
        HBox meRow = new HBox(10, meAvatar, me, settingsButton);
        meRow.setAlignment(Pos.CENTER_LEFT);
        meRow.getStyleClass().add("toolbar-bar");
        meRow.setMinHeight(60);

        search.setId("searchField");
        search.setPromptText("Search");
        search.getStyleClass().add("search-field");
        Node searchIcon = Icons.of(Icons.SEARCH, 16);
        searchIcon.lookupAll(".icon").forEach(n -> n.getStyleClass().add("muted-icon"));
        searchIcon.setMouseTransparent(true);
        StackPane searchBox = new StackPane(search, searchIcon);
        StackPane.setAlignment(searchIcon, Pos.CENTER_LEFT);
        StackPane.setMargin(searchIcon, new javafx.geometry.Insets(0, 0, 0, 10));
        searchBox.setPadding(new javafx.geometry.Insets(4, 16, 8, 16));
        addContact = new AddContactBar(session);
        addContact.setPadding(new javafx.geometry.Insets(12, 16, 4, 16));

        FilteredList<Contact> filtered = new FilteredList<>(session.contacts());
        SortedList<Contact> sorted = new SortedList<>(filtered, Comparator
                .comparing((Contact c) -> c.presence() == Presence.OFFLINE)
                .thenComparing(c -> c.user().toLowerCase(Locale.ROOT)));
        contactList.setItems(sorted);
        contactList.setId("contactsList");
        contactList.setCellFactory(v -> new ContactCell(session));
        ContextMenu menu = contactMenu();
        contactList.setContextMenu(menu);
        // the menu key and Shift+F10 open it under the selected row (JavaFX does not do this for a list)
        contactList.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            boolean menuKey = e.getCode() == javafx.scene.input.KeyCode.CONTEXT_MENU
                    || e.getCode() == javafx.scene.input.KeyCode.F10 && e.isShiftDown();
            if (menuKey && selectedUser().isPresent()) {
                Node row = contactList.lookup("#contact-" + selectedUser().get());
                menu.show(row == null ? contactList : row, javafx.geometry.Side.BOTTOM, 48, 0);
                e.consume();
            }
        });
        contactList.setPlaceholder(placeholder("No contacts yet.\nAdd a contact by their exact user name above: "
                + "they appear here once they accept."));
        FilteredList<CallView> history = new FilteredList<>(session.history(), c -> c.ended());
        historyList.setItems(history);
        historyList.setId("historyList");
        historyList.setCellFactory(v -> new HistoryCell());
        historyList.setPlaceholder(placeholder("No calls yet."));
        search.textProperty().addListener((o, was, now) -> {
            String q = now == null ? "" : now.trim().toLowerCase(Locale.ROOT);
            filtered.setPredicate(c -> q.isEmpty() || c.user().toLowerCase(Locale.ROOT).contains(q));
            history.setPredicate(c -> c.ended() && (q.isEmpty() || c.peer().toLowerCase(Locale.ROOT).contains(q)));
        });

        Tab contactsTab = new Tab("Contacts", contactList);
        contactsTab.setId("contactsTab");
        requests = new RequestsView(session);
        Tab requestsTab = new Tab("Requests", requests);
        requestsTab.setId("requestsTab");
        requestsBadge.setId("requestsBadge");
        requestsBadge.getStyleClass().add("badge");
        requestsBadge.textProperty().bind(Bindings.size(session.incomingRequests()).asString());
        requestsBadge.visibleProperty().bind(Bindings.isNotEmpty(session.incomingRequests()));
        requestsBadge.managedProperty().bind(requestsBadge.visibleProperty());
        // the label skin of a tab never shows a graphic that was invisible when it was set: wrap the badge
        requestsTab.setGraphic(new StackPane(requestsBadge));
        requestsTab.getStyleClass().add("requests-tab"); // the badge after the text (CSS)
        Tab recentTab = new Tab("Recent", historyList);
        recentTab.setId("recentTab");
        tabs.getTabs().addAll(contactsTab, requestsTab, recentTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        VBox sidebar = new VBox(meRow, addContact, searchBox, tabs);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setPrefWidth(300);
        sidebar.setMinWidth(260);
        setLeft(sidebar);

        // ---- detail ----
        peerName.getStyleClass().add("subtitle");
        peerName.setId("peerName");
        peerStatus.getStyleClass().addAll("presence-text", "small");
        VBox who = new VBox(1, peerName, peerStatus);
        who.setMinWidth(0);
        HBox.setHgrow(who, Priority.ALWAYS);
        call.setId("callButton");
        call.setGraphic(Icons.of(Icons.CALL, 16));
        call.getStyleClass().addAll("primary");
        call.setMinWidth(Region.USE_PREF_SIZE);
        call.setOnAction(e -> {
            if (selected != null) {
                onCall.accept(selected);
            }
        });
        BooleanBinding notAContact = Bindings.createBooleanBinding(
                () -> selectedProperty.get() == null
                        || !session.contactListsProperty().get().isContact(selectedProperty.get()),
                selectedProperty, session.contactListsProperty());
        call.disableProperty().bind(Bindings.createBooleanBinding(
                () -> session.currentCallProperty().get() != null
                        || !session.connectionProperty().get().signedIn(),
                session.currentCallProperty(), session.connectionProperty()).or(notAContact));
        contactActions.setId("contactActions");
        contactActions.setGraphic(Icons.of(Icons.PERSON, 16));
        contactActions.getStyleClass().add("flat");
        contactActions.setTooltip(new Tooltip("Remove or block this contact"));
        contactActions.setAccessibleText("Contact actions");
        MenuItem removeItem = new MenuItem("Remove from contacts");
        removeItem.setId("removeContactItem");
        removeItem.setOnAction(e -> {
            if (selected != null) {
                session.model().removeContact(selected);
            }
        });
        MenuItem blockItem = new MenuItem("Block");
        blockItem.setId("blockContactItem");
        blockItem.setOnAction(e -> {
            if (selected != null) {
                session.model().blockContact(selected);
            }
        });
        contactActions.getItems().addAll(removeItem, blockItem);
        contactActions.visibleProperty().bind(notAContact.not());
        contactActions.managedProperty().bind(contactActions.visibleProperty());
        HBox header = new HBox(12, peerAvatar, who, call, contactActions);
        header.getStyleClass().add("toolbar-bar");
        header.setMinHeight(60);
        chat = new ChatPanel(session, header, "");
        chat.input().disableProperty().bind(notAContact);
        conversation = chat;
        VBox.setVgrow(conversation, Priority.ALWAYS);

        Node bigIcon = Icons.of(Icons.CHAT, 56);
        bigIcon.lookupAll(".icon").forEach(n -> n.getStyleClass().add("muted-icon"));
        Label hint = new Label("Select a contact to chat or call");
        hint.getStyleClass().addAll("subtitle", "muted");
        Label sub = new Label("People online are shown first. Calls and messages appear here.");
        sub.getStyleClass().add("muted");
        emptyDetail = new VBox(12, bigIcon, hint, sub);
        emptyDetail.setAlignment(Pos.CENTER);
        emptyDetail.setId("emptyDetail");
        detail.getChildren().addAll(emptyDetail, conversation);
        conversation.setVisible(false);
        setCenter(detail);

        // ---- behaviour ----
        contactList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                select(now.user());
            }
        });
        historyList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                select(now.peer());
            }
        });
        historyList.setOnMouseClicked(e -> {
            CallView c = historyList.getSelectionModel().getSelectedItem();
            if (c != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !call.isDisabled()) {
                onCall.accept(c.peer());
            }
        });
        contactList.setOnMouseClicked(e -> {
            Contact c = contactList.getSelectionModel().getSelectedItem();
            if (c != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !call.isDisabled()) {
                onCall.accept(c.user());
            }
        });
        // presence updates replace the whole directory, which clears the list's selection: restore it
        session.contacts().addListener((javafx.collections.ListChangeListener<Contact>) ch -> {
            refreshPeerHeader();
            reselect();
        });
        // a contact list with nobody in it but requests waiting: show the requests
        session.incomingRequests().addListener((javafx.collections.ListChangeListener<String>) ch -> {
            if (session.contacts().isEmpty() && !session.incomingRequests().isEmpty()
                    && tabs.getSelectionModel().getSelectedItem() == contactsTab) {
                tabs.getSelectionModel().select(requestsTab);
            }
        });
        session.conversations().addListener((MapChangeListener<String, Conversation>) ch -> contactList.refresh());
        session.connectionProperty().addListener((o, was, now) -> showMe(now));
        showMe(session.connectionProperty().get());
    }

    /**
     * The contacts list's context menu, for the selected contact: on the list rather than on each row so that
     * the keyboard opens it too (the menu key or Shift+F10 on the focused list; a right click selects the row
     * first).
     */
    private ContextMenu contactMenu() {
        MenuItem callItem = new MenuItem("Call");
        callItem.setId("ctxCall");
        MenuItem remove = new MenuItem("Remove from contacts");
        remove.setId("ctxRemove");
        MenuItem block = new MenuItem("Block");
        block.setId("ctxBlock");
        ContextMenu menu = new ContextMenu(callItem, new SeparatorMenuItem(), remove, block);
        menu.setOnShowing(e -> {
            Contact c = contactList.getSelectionModel().getSelectedItem();
            String user = c == null ? null : c.user();
            callItem.setText(user == null ? "Call" : "Call " + user);
            block.setText(user == null ? "Block" : "Block " + user);
            callItem.setDisable(user == null || call.isDisabled());
            remove.setDisable(user == null);
            block.setDisable(user == null);
        });
        callItem.setOnAction(e -> selectedUser().ifPresent(onCall));
        remove.setOnAction(e -> selectedUser().ifPresent(u -> session.model().removeContact(u)));
        block.setOnAction(e -> selectedUser().ifPresent(u -> session.model().blockContact(u)));
        return menu;
    }

    private java.util.Optional<String> selectedUser() {
        return java.util.Optional.ofNullable(contactList.getSelectionModel().getSelectedItem()).map(Contact::user);
    }

    private static Label placeholder(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        return l;
    }

    private void showMe(ConnectionStatus s) {
        String user = s.user() == null ? "" : s.user();
        meName.setText(user);
        meAvatar.getChildren().setAll(new Avatar(user, 36, true));
        Avatar a = (Avatar) meAvatar.getChildren().get(0);
        boolean online = s.state() == ConnectionState.SIGNED_IN;
        a.presenceDot().show(online ? PresenceLook.ONLINE : PresenceLook.OFFLINE);
        meStatus.getStyleClass().removeAll("online", "offline");
        meStatus.getStyleClass().addAll("presence-text", online ? "online" : "offline");
        meStatus.setText(switch (s.state()) {
            case SIGNED_IN -> "Online · " + (s.relay() == null ? "" : shortRelay(s.relay()));
            case RECONNECTING -> "Reconnecting…";
            case CONNECTING -> "Connecting…";
            default -> "Offline";
        });
    }

    private static String shortRelay(String relay) {
        return relay.replaceFirst("^wss?://", "").replaceFirst("/$", "");
    }

    /** Shows the contact {@code user} on the right. */
    public void select(String user) {
        if (java.util.Objects.equals(selected, user)) {
            return;
        }
        selected = user;
        selectedProperty.set(user);
        chat.setPeer(user);
        Contact current = contactList.getSelectionModel().getSelectedItem();
        if (user != null && (current == null || !current.user().equals(user))) {
            contactList.getItems().stream().filter(c -> c.user().equals(user)).findFirst()
                    .ifPresent(c -> contactList.getSelectionModel().select(c));
        }
        conversation.setVisible(user != null);
        emptyDetail.setVisible(user == null);
        refreshPeerHeader();
    }

    private void reselect() {
        Contact current = contactList.getSelectionModel().getSelectedItem();
        if (selected != null && (current == null || !current.user().equals(selected))) {
            contactList.getItems().stream().filter(c -> c.user().equals(selected)).findFirst()
                    .ifPresent(c -> contactList.getSelectionModel().select(c));
        }
    }

    private void refreshPeerHeader() {
        if (selected == null) {
            return;
        }
        java.util.Optional<Presence> known = session.contacts().stream().filter(c -> c.user().equals(selected))
                .map(Contact::presence).findFirst();
        Presence p = known.orElse(Presence.OFFLINE);
        PresenceLook look = Presences.look(p);
        peerName.setText(selected);
        Avatar a = new Avatar(selected, 40, true);
        a.presenceDot().show(look);
        peerAvatar.getChildren().setAll(a);
        peerStatus.setText(known.isPresent() ? look.text() : "Not in your contacts");
        peerStatus.getStyleClass().removeAll("online", "in-call", "offline");
        peerStatus.getStyleClass().add(look.styleClass());
        peerStatus.setId("peerStatus");
        call.setTooltip(new Tooltip(p == Presence.OFFLINE ? selected + " is offline: they will see a missed call"
                : "Call " + selected));
        contactList.refresh();
    }

    /** What the call button and double-clicks do (the peer's name is passed). */
    public void setOnCall(Consumer<String> action) {
        this.onCall = action;
    }

    public Button settingsButton() {
        return settingsButton;
    }

    public String selectedContact() {
        return selected;
    }

    public ChatPanel chat() {
        return chat;
    }

    public TabPane tabs() {
        return tabs;
    }

    public AddContactBar addContact() {
        return addContact;
    }

    public RequestsView requests() {
        return requests;
    }

    public ListView<Contact> contactList() {
        return contactList;
    }
}
