package com.waltalk.relay.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Finds the PostgreSQL binaries archive like zonky's default resolver, but takes the first copy when the
 * same archive is on the class path twice. That happens whenever a module depends on the packaged relay
 * jar in a Maven reactor build (the desktop app's tests): the jar's manifest {@code Class-Path: lib/...}
 * adds {@code relay/target/lib/} next to the same artifacts from the local repository, and the default
 * resolver refuses to start ("Duplicate embedded postgres binaries"). The copies are the same artifact.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
final class FirstMatchBinaryResolver implements PgBinaryResolver {

    static final FirstMatchBinaryResolver INSTANCE = new FirstMatchBinaryResolver();

    private FirstMatchBinaryResolver() {
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String distribution = "Linux".equals(system) ? LinuxUtils.getDistributionName() : null;
        if (distribution != null) {
            URL specific = first(name("postgres-" + system + "-" + machineHardware + "-" + distribution + ".txz"));
            if (specific != null) {
                return specific.openStream();
            }
        }
        URL generic = first(name("postgres-" + system + "-" + machineHardware + ".txz"));
        if (generic != null) {
            return generic.openStream();
        }
        // none: the default resolver's fallbacks (x86_64 on ARM) and its error message
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }

    private static String name(String s) {
        return s.replace(' ', '_').toLowerCase(Locale.ROOT);
    }

    private static URL first(String resource) throws IOException {
        Enumeration<URL> found = FirstMatchBinaryResolver.class.getClassLoader().getResources(resource);
        return found.hasMoreElements() ? found.nextElement() : null;
    }
}
