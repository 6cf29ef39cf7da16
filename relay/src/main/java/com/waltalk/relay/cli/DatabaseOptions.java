package com.waltalk.relay.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to reach the database: an external PostgreSQL, or the embedded one in a data directory.
 * A picocli mixin, so {@code relay serve} and {@code relay user} take the same options and
 * environment variables.
 */
final class DatabaseOptions {

    @Option(names = "--db", defaultValue = "${env:WALTALK_DB_URL}",
            description = "JDBC URL of an external PostgreSQL, e.g. jdbc:postgresql://db:5432/waltalk "
                    + "(env WALTALK_DB_URL; default: embedded PostgreSQL)")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:WALTALK_DB_USER}",
            description = "database user (env WALTALK_DB_USER)")
    String dbUser;

    @Option(names = "--db-password-env", defaultValue = "WALTALK_DB_PASSWORD",
            description = "name of the environment variable holding the database password (default ${DEFAULT-VALUE}); "
                    + "never pass passwords on the command line")
    String dbPasswordEnv;

    @Option(names = "--data-dir", defaultValue = "${env:WALTALK_DATA_DIR:-${sys:user.home}/.waltalk/relay/pgdata}",
            description = "data directory of the embedded PostgreSQL (env WALTALK_DATA_DIR, default ${DEFAULT-VALUE})")
    Path dataDir;

    // `relay user` starts the embedded server with the same value as `serve`: a smaller one could
    // invalidate the stopped relay's slot.
    @Option(names = "--max-slot-wal-keep", defaultValue = "${env:WALTALK_MAX_SLOT_WAL_KEEP:-1GB}",
            description = "embedded database only: WAL a stopped relay's slot may retain "
                    + "(env WALTALK_MAX_SLOT_WAL_KEEP, default ${DEFAULT-VALUE})")
    String maxSlotWalKeep;
}
