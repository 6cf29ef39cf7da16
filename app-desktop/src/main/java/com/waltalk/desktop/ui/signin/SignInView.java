package com.waltalk.desktop.ui.signin;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The sign-in screen: relay address, user name, password, "create account" mode, "sign in
 * automatically", a progress indicator and a plain-language error line. A pure view: it exposes its
 * fields and raises {@link #setOnSubmit submit}; {@link SignInController} does the work.
 *
 * <p>Create and use on the JavaFX thread.
 */
public final class SignInView extends StackPane {

    private final TextField relay = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField invite = new TextField();
    private final BooleanProperty inviteNeeded = new SimpleBooleanProperty(false);
    private final CheckBox autoSignIn = new CheckBox("Sign in automatically next time");
    private final Button submit = new Button();
    private final Hyperlink modeToggle = new Hyperlink();
    private final Hyperlink host = new Hyperlink("Host on this computer…");
    private final Hyperlink chooseCertificate = new Hyperlink("Trust a certificate file…");
    private final BooleanProperty certificateProblem = new SimpleBooleanProperty(false);
    private final Label error = new Label();
    private final Label info = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final BooleanProperty registering = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty errorText = new SimpleStringProperty();
    private final StringProperty infoText = new SimpleStringProperty();
    private Runnable onSubmit = () -> { };

    public SignInView() {
        getStyleClass().add("signin-screen");
        Label brand = new Label("WalTalk");
        brand.getStyleClass().add("brand");
        Label heading = new Label();
        heading.getStyleClass().add("subtitle");
        heading.textProperty().bind(Bindings.when(registering).then("Create your account").otherwise("Sign in"));
        Label tagline = new Label("Video calls through your own relay.");
        tagline.getStyleClass().add("muted");

        relay.setId("relayField");
        relay.setPromptText("ws://127.0.0.1:8787");
        user.setId("userField");
        user.setPromptText("e.g. alice");
        password.setId("passwordField");
        password.setPromptText(" ");
        invite.setId("inviteField");
        invite.setPromptText("from the relay's operator");

        error.setId("signInError");
        error.getStyleClass().addAll("message", "error");
        error.textProperty().bind(errorText);
        error.visibleProperty().bind(errorText.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setMaxWidth(Double.MAX_VALUE);
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);

        info.setId("signInInfo");
        info.getStyleClass().addAll("message", "info");
        info.textProperty().bind(infoText);
        info.visibleProperty().bind(infoText.isNotEmpty().and(errorText.isEmpty()));
        info.managedProperty().bind(info.visibleProperty());
        info.setMaxWidth(Double.MAX_VALUE);
        info.setWrapText(true);
        info.setMinHeight(Region.USE_PREF_SIZE);

        submit.setId("signInButton");
        submit.getStyleClass().add("primary");
        submit.setDefaultButton(true);
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.textProperty().bind(Bindings.when(busy)
                .then(Bindings.when(registering).then("Creating account…").otherwise("Signing in…"))
                .otherwise(Bindings.when(registering).then("Create account").otherwise("Sign in")));
        submit.disableProperty().bind(busy.or(user.textProperty().isEmpty())
                .or(password.textProperty().isEmpty()).or(relay.textProperty().isEmpty()));
        submit.setOnAction(e -> onSubmit.run());
        HBox.setHgrow(submit, Priority.ALWAYS);

        progress.setPrefSize(22, 22);
        progress.setMaxSize(22, 22);
        progress.visibleProperty().bind(busy);
        progress.managedProperty().bind(busy);
        HBox actions = new HBox(10, submit, progress);
        actions.setAlignment(Pos.CENTER_LEFT);

        modeToggle.setId("modeToggle");
        modeToggle.textProperty().bind(Bindings.when(registering)
                .then("I already have an account").otherwise("New here? Create an account"));
        modeToggle.setOnAction(e -> {
            registering.set(!registering.get());
            errorText.set("");
        });
        modeToggle.disableProperty().bind(busy);
        host.setId("hostLink");
        chooseCertificate.setId("chooseCertificate");
        chooseCertificate.visibleProperty().bind(certificateProblem.and(errorText.isNotEmpty()));
        chooseCertificate.managedProperty().bind(chooseCertificate.visibleProperty());

        relay.disableProperty().bind(busy);
        user.disableProperty().bind(busy);
        password.disableProperty().bind(busy);
        invite.disableProperty().bind(busy);
        // only where the relay registers by invitation: shown once it said so (closed, or invite required)
        VBox inviteBox = field("Invite code", invite);
        inviteBox.visibleProperty().bind(registering.and(inviteNeeded));
        inviteBox.managedProperty().bind(inviteBox.visibleProperty());

        VBox card = new VBox(
                new VBox(2, brand, tagline),
                spacer(6),
                heading,
                field("Relay address", relay),
                field("User name", user),
                field("Password", password),
                inviteBox,
                autoSignIn,
                error,
                chooseCertificate,
                info,
                actions,
                new HBox(modeToggle));
        card.getStyleClass().addAll("card", "signin-card");
        card.setFillWidth(true);
        card.setMaxHeight(Region.USE_PREF_SIZE);

        VBox column = new VBox(16, card, host);
        column.setAlignment(Pos.CENTER);
        column.setMaxWidth(Region.USE_PREF_SIZE);
        column.setPadding(new Insets(24));
        getChildren().add(column);
        setAlignment(Pos.CENTER);
    }

    private static VBox field(String label, javafx.scene.Node input) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        l.setLabelFor(input);
        return new VBox(5, l, input);
    }

    private static Region spacer(double h) {
        Region r = new Region();
        r.setMinHeight(h);
        return r;
    }

    /** The invite code field, shown when registering on a relay that needs one ({@link #inviteNeededProperty}). */
    public TextField inviteField() {
        return invite;
    }

    /** Whether the relay said that registration needs an invite code (or is closed without one). */
    public BooleanProperty inviteNeededProperty() {
        return inviteNeeded;
    }

    public TextField relayField() {
        return relay;
    }

    public TextField userField() {
        return user;
    }

    public PasswordField passwordField() {
        return password;
    }

    public CheckBox autoSignInBox() {
        return autoSignIn;
    }

    public Hyperlink hostLink() {
        return host;
    }

    /** True while the form creates an account instead of signing in. */
    public BooleanProperty registeringProperty() {
        return registering;
    }

    /** True while a sign-in is under way: the form is locked and shows progress. */
    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The error to show, or empty. */
    public StringProperty errorProperty() {
        return errorText;
    }

    /** A neutral notice (e.g. "signed out"), shown when there is no error. */
    public StringProperty infoProperty() {
        return infoText;
    }

    /** True when the last failure was about the relay's certificate: offers to choose a certificate file. */
    public BooleanProperty certificateProblemProperty() {
        return certificateProblem;
    }

    public Hyperlink chooseCertificateLink() {
        return chooseCertificate;
    }

    public void setOnSubmit(Runnable action) {
        this.onSubmit = action;
    }

    /** Puts the keyboard focus where the user most likely types next. */
    public void focusFirstEmpty() {
        if (relay.getText() == null || relay.getText().isBlank()) {
            relay.requestFocus();
        } else if (user.getText() == null || user.getText().isBlank()) {
            user.requestFocus();
        } else {
            password.requestFocus();
        }
    }
}
