package com.waltalk.desktop.settings;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The user's settings as observable properties, so screens bind to them and a change is saved
 * without anyone calling "save".
 *
 * <p>The password is never a setting: after a sign-in only the relay's token is kept.
 *
 * <p>Not thread-safe: read and change it on the JavaFX application thread only (or before the UI
 * starts).
 */
public final class AppSettings {

    public static final String DEFAULT_RELAY = "ws://127.0.0.1:8787";

    private final StringProperty relayUri = new SimpleStringProperty(this, "relayUri", DEFAULT_RELAY);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty token = new SimpleStringProperty(this, "token", null);
    private final BooleanProperty autoSignIn = new SimpleBooleanProperty(this, "autoSignIn", true);
    private final ObjectProperty<ThemeChoice> theme = new SimpleObjectProperty<>(this, "theme", ThemeChoice.LIGHT);
    private final StringProperty camera = new SimpleStringProperty(this, "camera", null);
    private final StringProperty microphone = new SimpleStringProperty(this, "microphone", null);
    private final StringProperty speaker = new SimpleStringProperty(this, "speaker", null);
    private final BooleanProperty ringtone = new SimpleBooleanProperty(this, "ringtone", true);
    private final BooleanProperty notifications = new SimpleBooleanProperty(this, "notifications", true);
    private final StringProperty trustFile = new SimpleStringProperty(this, "trustFile", null);

    public StringProperty relayUriProperty() {
        return relayUri;
    }

    public StringProperty userProperty() {
        return user;
    }

    /** The sign-in token of {@link #userProperty() user} at {@link #relayUriProperty() relay}, or null. */
    public StringProperty tokenProperty() {
        return token;
    }

    public BooleanProperty autoSignInProperty() {
        return autoSignIn;
    }

    public ObjectProperty<ThemeChoice> themeProperty() {
        return theme;
    }

    /** Name of the chosen camera; null means "the first one found". */
    public StringProperty cameraProperty() {
        return camera;
    }

    /** Name of the chosen microphone mixer; null means the system default. */
    public StringProperty microphoneProperty() {
        return microphone;
    }

    /** Name of the chosen speaker mixer; null means the system default. */
    public StringProperty speakerProperty() {
        return speaker;
    }

    public BooleanProperty ringtoneProperty() {
        return ringtone;
    }

    public BooleanProperty notificationsProperty() {
        return notifications;
    }

    /** A PEM or PKCS12 file with the certificate of a relay that uses a self-signed one, or null. */
    public StringProperty trustFileProperty() {
        return trustFile;
    }

    /** Every property, for listeners that save on any change. */
    public Observable[] all() {
        return new Observable[] {relayUri, user, token, autoSignIn, theme, camera, microphone, speaker, ringtone,
                notifications, trustFile};
    }

    /** A plain snapshot, the shape of the JSON file. */
    public SettingsFile toFile() {
        return new SettingsFile(relayUri.get(), user.get(), token.get(), autoSignIn.get(), theme.get(), camera.get(),
                microphone.get(), speaker.get(), ringtone.get(), notifications.get(), trustFile.get());
    }

    /** Takes over the values of a loaded file; missing values keep their defaults. */
    public void apply(SettingsFile f) {
        if (f.relayUri() != null && !f.relayUri().isBlank()) {
            relayUri.set(f.relayUri());
        }
        if (f.user() != null) {
            user.set(f.user());
        }
        token.set(f.token());
        if (f.autoSignIn() != null) {
            autoSignIn.set(f.autoSignIn());
        }
        if (f.theme() != null) {
            theme.set(f.theme());
        }
        camera.set(f.camera());
        microphone.set(f.microphone());
        speaker.set(f.speaker());
        if (f.ringtone() != null) {
            ringtone.set(f.ringtone());
        }
        if (f.notifications() != null) {
            notifications.set(f.notifications());
        }
        trustFile.set(f.trustFile());
    }
}
