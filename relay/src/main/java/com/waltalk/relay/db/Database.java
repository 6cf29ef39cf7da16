package com.waltalk.relay.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's view of PostgreSQL: a small pool for housekeeping queries, the schema migrations,
 * and the endpoint for dedicated connections. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DatabaseEndpoint endpoint;
    private final HikariDataSource pool;

    private Database(DatabaseEndpoint endpoint, HikariDataSource pool) {
        this.endpoint = endpoint;
        this.pool = pool;
    }

    /** Connects, checks the server settings, and applies pending migrations. */
    public static Database open(DatabaseEndpoint endpoint)
            throws SQLException, DatabasePreflight.MisconfiguredDatabaseException {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(endpoint.jdbcUrl());
        if (endpoint.user() != null) {
            cfg.setUsername(endpoint.user());
        }
        if (endpoint.password() != null) {
            cfg.setPassword(endpoint.password());
        }
        cfg.setPoolName("waltalk-db");
        cfg.setMaximumPoolSize(4);
        cfg.setMinimumIdle(1);
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(15_000);
        cfg.addDataSourceProperty("ApplicationName", "waltalk-relay");
        HikariDataSource pool = new HikariDataSource(cfg);
        try {
            try (Connection c = pool.getConnection()) {
                DatabasePreflight.check(c);
            }
            migrate(pool);
            return new Database(endpoint, pool);
        } catch (SQLException | DatabasePreflight.MisconfiguredDatabaseException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static void migrate(DataSource ds) {
        MigrateResult result = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("applied {} schema migration(s), schema now at version {}", result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    public DataSource pool() {
        return pool;
    }

    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        pool.close();
    }
}
