package com.waltalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What each package's package-info says it must not use, checked on the sources' imports. */
class PackageBoundariesTest {

    private static final Path SOURCES =
            Path.of("src", "main", "java", "com", "waltalk", "protocol");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");

    @Test
    void theRootPackageUsesNeitherOfItsSubpackages() throws IOException {
        assertThat(imports(SOURCES, false))
                .noneMatch(i -> i.startsWith("com.waltalk.protocol.control")
                        || i.startsWith("com.waltalk.protocol.media"));
    }

    @Test
    void controlAndMediaAreIndependent() throws IOException {
        assertThat(imports(SOURCES.resolve("control"), true))
                .noneMatch(i -> i.startsWith("com.waltalk.protocol.media"));
        assertThat(imports(SOURCES.resolve("media"), true))
                .noneMatch(i -> i.startsWith("com.waltalk.protocol.control"));
    }

    @Test
    void nothingHereUsesTheRelayTheAppOrIo() throws IOException {
        assertThat(imports(SOURCES, true)).noneMatch(i -> i.startsWith("com.waltalk.relay")
                || i.startsWith("com.waltalk.desktop") || i.startsWith("java.sql")
                || i.startsWith("javafx") || i.startsWith("java.net"));
    }

    /** Every imported name in the package's sources (and its subpackages', if {@code deep}). */
    private static List<String> imports(Path dir, boolean deep) throws IOException {
        try (Stream<Path> files = deep ? Files.walk(dir) : Files.list(dir)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).as("sources in %s", dir).isNotEmpty();
            return sources.stream().flatMap(p -> {
                try {
                    Matcher m = IMPORT.matcher(Files.readString(p));
                    return m.results().map(r -> r.group(1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
