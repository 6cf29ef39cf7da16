package com.waltalk.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsReadBackAndTheFileIsPrivate() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("nested"));
        SettingsFile f = new SettingsFile("wss://relay.example.org:8787", "alice", "tok_abcdefghijklmnop", true,
                ThemeChoice.DARK, "Cam A", "Mic B", "Spk C", false, true, "/certs/relay.pem");
        assertThat(store.save(f)).isTrue();
        assertThat(store.load()).isEqualTo(f);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(store.file()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.list(store.file().getParent())).hasSize(1); // no temp file left behind
    }

    @Test
    void aMissingOrCorruptFileMeansDefaultsNotACrash() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.load().relayUri()).isNull();
        Files.writeString(store.file(), "{ this is not json");
        AppSettings s = new AppSettings();
        s.apply(store.load());
        assertThat(s.relayUriProperty().get()).isEqualTo(AppSettings.DEFAULT_RELAY);
        assertThat(s.themeProperty().get()).isEqualTo(ThemeChoice.LIGHT);
    }

    @Test
    void unknownPropertiesFromANewerVersionAreIgnored() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        Files.writeString(store.file(), "{\"user\":\"bob\",\"theme\":\"DARK\",\"futureThing\":{\"x\":1}}");
        SettingsFile f = store.load();
        assertThat(f.user()).isEqualTo("bob");
        assertThat(f.theme()).isEqualTo(ThemeChoice.DARK);
    }

    @Test
    void everyChangeIsPersistedWithoutAnExplicitSave() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        try (PersistentSettings p = new PersistentSettings(store)) {
            p.settings().userProperty().set("carol");
            p.settings().themeProperty().set(ThemeChoice.DARK);
            p.settings().tokenProperty().set("tok_1234567890abcdef");
        }
        SettingsFile f = store.load();
        assertThat(f.user()).isEqualTo("carol");
        assertThat(f.theme()).isEqualTo(ThemeChoice.DARK);
        assertThat(f.token()).isEqualTo("tok_1234567890abcdef");
    }

    @Test
    void configDirectoryFollowsEachPlatformsConvention() {
        assertThat(ConfigDirectory.resolve("Linux", "/home/u", Map.of()))
                .isEqualTo(Path.of("/home/u/.config/waltalk"));
        assertThat(ConfigDirectory.resolve("Linux", "/home/u", Map.of("XDG_CONFIG_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg/waltalk"));
        assertThat(ConfigDirectory.resolve("Linux", "/home/u", Map.of("XDG_CONFIG_HOME", "relative")))
                .isEqualTo(Path.of("/home/u/.config/waltalk"));
        assertThat(ConfigDirectory.resolve("Mac OS X", "/Users/u", Map.of()))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/WalTalk"));
        assertThat(ConfigDirectory.resolve("Windows 11", "C:\\Users\\u", Map.of("APPDATA", "/appdata")))
                .isEqualTo(Path.of("/appdata", "WalTalk"));
        assertThat(ConfigDirectory.resolveData("Linux", "/home/u", Map.of()))
                .isEqualTo(Path.of("/home/u/.local/share/waltalk"));
    }
}
