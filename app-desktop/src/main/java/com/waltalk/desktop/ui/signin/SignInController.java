package com.waltalk.desktop.ui.signin;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.connection.TrustStore;
import com.waltalk.desktop.session.Credentials;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.common.FailureText;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.io.File;
import javafx.application.Platform;
import javafx.stage.FileChooser;

/**
 * Connects the {@link SignInView} to a {@link SessionModel} and the settings: fills the form from the
 * saved relay and user, signs in (or registers) off the JavaFX thread, remembers relay, user and token
 * (never the password), signs in automatically with a saved token, and explains failures.
 *
 * <p>Use on the JavaFX thread.
 */
public final class SignInController {

    private final SignInView view;
    private final SessionModel model;
    private final AppSettings settings;

    public SignInController(SignInView view, SessionModel model, AppSettings settings) {
        this.view = view;
        this.model = model;
        this.settings = settings;
        view.relayField().setText(settings.relayUriProperty().get());
        view.userField().setText(settings.userProperty().get());
        view.autoSignInBox().setSelected(settings.autoSignInProperty().get());
        view.autoSignInBox().selectedProperty().addListener((o, was, on) -> {
            settings.autoSignInProperty().set(on);
            if (!on) {
                settings.tokenProperty().set(null);
            }
        });
        view.setOnSubmit(this::submit);
        view.chooseCertificateLink().setOnAction(e -> chooseCertificate());
    }

    /** Signs in with the saved token if there is one and the user wants that; returns whether it tried. */
    public boolean autoSignIn() {
        String token = settings.tokenProperty().get();
        if (!settings.autoSignInProperty().get() || token == null || token.isBlank()) {
            return false;
        }
        RelayEndpoint relay;
        try {
            relay = endpoint(settings.relayUriProperty().get());
        } catch (IllegalArgumentException e) {
            return false;
        }
        view.errorProperty().set("");
        view.infoProperty().set("Signing in to " + relay.uri() + " as " + settings.userProperty().get() + "…");
        run(model.signInWithToken(relay, token), relay, true);
        return true;
    }

    /** Signs in (or registers) with what the form says. */
    public void submit() {
        if (view.busyProperty().get()) {
            return;
        }
        String relayText = view.relayField().getText() == null ? "" : view.relayField().getText().trim();
        String user = view.userField().getText() == null ? "" : view.userField().getText().trim();
        String password = view.passwordField().getText();
        RelayEndpoint relay;
        try {
            relay = endpoint(relayText);
        } catch (IllegalArgumentException e) {
            view.errorProperty().set("The relay address must look like ws://host:port or wss://host:port.");
            view.relayField().requestFocus();
            return;
        }
        if (user.isEmpty()) {
            view.errorProperty().set("Enter your user name.");
            return;
        }
        view.errorProperty().set("");
        view.infoProperty().set("");
        String invite = view.inviteNeededProperty().get() ? view.inviteField().getText() : null;
        var future = view.registeringProperty().get()
                ? model.register(relay, user, password, invite) : model.signIn(relay, user, password);
        run(future, relay, false);
    }

    private void run(CompletableFuture<Credentials> future, RelayEndpoint relay, boolean withToken) {
        view.busyProperty().set(true);
        future.whenComplete((creds, error) -> Platform.runLater(() -> {
            view.busyProperty().set(false);
            view.infoProperty().set("");
            if (error == null) {
                succeeded(creds, relay);
            } else {
                failed(FailureText.unwrap(error), relay, withToken);
            }
        }));
    }

    private void succeeded(Credentials creds, RelayEndpoint relay) {
        view.passwordField().clear();
        view.errorProperty().set("");
        view.registeringProperty().set(false);
        settings.relayUriProperty().set(relay.uri().toString());
        settings.userProperty().set(creds.user());
        settings.tokenProperty().set(settings.autoSignInProperty().get() ? creds.token() : null);
    }

    private void failed(Failure failure, RelayEndpoint relay, boolean withToken) {
        if (withToken && failure.kind() == FailureKind.TOKEN_REJECTED) {
            settings.tokenProperty().set(null);
        }
        view.errorProperty().set(FailureText.forSignIn(failure, relay.uri().toString()));
        if (failure.kind() == FailureKind.WRONG_CREDENTIALS) {
            view.passwordField().selectAll();
            view.passwordField().requestFocus();
        }
        view.certificateProblemProperty().set(FailureText.isCertificateProblem(failure));
        if (failure.kind() == FailureKind.INVITE_REQUIRED || failure.kind() == FailureKind.REGISTRATION_CLOSED) {
            boolean first = !view.inviteNeededProperty().get();
            view.inviteNeededProperty().set(true);
            if (failure.kind() == FailureKind.REGISTRATION_CLOSED) {
                view.errorProperty().set("This relay does not accept new accounts. If its operator gave you an "
                        + "invite code, enter it below.");
            }
            if (first || failure.kind() == FailureKind.INVITE_REQUIRED) {
                view.inviteField().selectAll();
                view.inviteField().requestFocus();
            }
        }
    }

    private void chooseCertificate() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("The relay's certificate");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Certificates (*.pem, *.crt, *.cer, *.p12)", "*.pem", "*.crt", "*.cer",
                        "*.p12", "*.pfx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(view.getScene() == null ? null : view.getScene().getWindow());
        if (f != null) {
            settings.trustFileProperty().set(f.getAbsolutePath());
            view.errorProperty().set("");
            view.certificateProblemProperty().set(false);
            view.infoProperty().set("The relay's certificate in " + f.getName() + " will be trusted. Sign in again.");
        }
    }

    private RelayEndpoint endpoint(String text) {
        String t = text.trim();
        if (!t.contains("://")) {
            t = "ws://" + t;
        }
        String trust = settings.trustFileProperty().get();
        if (trust != null && !trust.isBlank() && t.regionMatches(true, 0, "wss:", 0, 4)) {
            return RelayEndpoint.of(t, TrustStore.of(Path.of(trust), null));
        }
        return RelayEndpoint.of(t);
    }
}
