package com.waltalk.relay.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.relay.db.DatabasePreflight;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** A database that cannot host a relay is refused with a message naming the setting to fix. */
class DatabasePreflightIT {

    @Test
    void walLevelReplicaIsRefusedByName() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedDatabase.newBuilder().setServerConfig("wal_level", "replica").start();
             Connection c = pg.getPostgresDatabase().getConnection()) {
            assertThatThrownBy(() -> DatabasePreflight.check(c))
                    .isInstanceOf(DatabasePreflight.MisconfiguredDatabaseException.class)
                    .hasMessageContaining("wal_level is 'replica' but must be 'logical'")
                    .hasMessageContaining("max_slot_wal_keep_size is -1");
        }
    }

    @Test
    void aCorrectlyConfiguredDatabasePasses() throws Exception {
        var builder = EmbeddedDatabase.newBuilder();
        com.waltalk.relay.db.EmbeddedDatabase.serverConfig("1GB").forEach(builder::setServerConfig);
        try (EmbeddedPostgres pg = builder.start(); Connection c = pg.getPostgresDatabase().getConnection()) {
            DatabasePreflight.check(c);
            assertThat(c.isValid(1)).isTrue();
        }
    }
}
