package com.waltalk.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The calls and chat stores sit below the layers that use them, as their package-info says: checked on the
 * sources' imports.
 */
class StorePackageBoundariesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "com", "waltalk", "relay");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");
    private static final List<String> ABOVE = List.of("session", "transport", "fanout", "state", "ingest", "cli");

    @Test
    void callsUsesNoLayerAboveItNorReplication() throws IOException {
        assertThat(imports("calls")).noneMatch(i -> above(i) || i.startsWith("com.waltalk.relay.replication"));
    }

    @Test
    void chatUsesNoLayerAboveIt() throws IOException {
        assertThat(imports("chat")).noneMatch(StorePackageBoundariesTest::above);
    }

    private static boolean above(String imported) {
        return ABOVE.stream().anyMatch(p -> imported.startsWith("com.waltalk.relay." + p + "."));
    }

    private static List<String> imports(String pkg) throws IOException {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).as("sources of %s", pkg).isNotEmpty();
            return sources.stream().flatMap(p -> {
                try {
                    return IMPORT.matcher(Files.readString(p)).results().map(r -> r.group(1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
