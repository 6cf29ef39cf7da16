package com.waltalk.relay.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Where the database is and how to sign in to it; opens plain and replication connections.
 * Immutable and thread-safe.
 */
public record DatabaseEndpoint(String jdbcUrl, String user, String password) {

    public DatabaseEndpoint {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
    }

    private Properties baseProperties(String applicationName) {
        Properties p = new Properties();
        if (user != null) {
            PGProperty.USER.set(p, user);
        }
        if (password != null) {
            PGProperty.PASSWORD.set(p, password);
        }
        PGProperty.APPLICATION_NAME.set(p, applicationName);
        PGProperty.TCP_NO_DELAY.set(p, true);
        PGProperty.TCP_KEEP_ALIVE.set(p, true);
        PGProperty.CONNECT_TIMEOUT.set(p, 10);
        return p;
    }

    /** A regular connection owned by the caller (used by the ingest writers, which keep theirs open). */
    public Connection open(String applicationName) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, baseProperties(applicationName));
    }

    /** A walsender connection for the logical replication protocol. */
    public Connection openReplication(String applicationName) throws SQLException {
        Properties p = baseProperties(applicationName);
        PGProperty.REPLICATION.set(p, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
        PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** The URL without credentials, for logs. */
    public String describe() {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }
}
