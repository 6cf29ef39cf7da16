package com.waltalk.desktop.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@code settings.json} in a configuration directory.
 *
 * <p>Writes go to a temporary file that is then moved over the old one, so a crash never leaves half
 * a file. On POSIX systems the file is readable by its owner only, because it holds the sign-in token.
 * A file that cannot be read (corrupt, hand-edited) is logged and replaced by defaults; it never stops
 * the app from starting.
 *
 * <p>Thread-safe: {@link #save} is synchronized, {@link #load} only reads.
 */
public final class SettingsStore {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    public static final String FILE_NAME = "settings.json";

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SettingsStore(Path configDirectory) {
        this.file = configDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The stored settings, or an empty file (all defaults) when there is none or it is unreadable. */
    public SettingsFile load() {
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            SettingsFile f = mapper.readValue(file.toFile(), SettingsFile.class);
            return f == null ? empty() : f;
        } catch (IOException e) {
            LOG.warn("Ignoring unreadable settings file {}: {}", file, e.getMessage());
            return empty();
        }
    }

    /** Writes the settings atomically; failures are logged, not thrown (settings are a convenience). */
    public synchronized boolean save(SettingsFile settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
            }
            mapper.writeValue(tmp.toFile(), settings);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AccessDeniedException | java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}: {}", file, e.toString());
            return false;
        }
    }

    private static SettingsFile empty() {
        return new SettingsFile(null, null, null, null, null, null, null, null, null, null, null);
    }
}
