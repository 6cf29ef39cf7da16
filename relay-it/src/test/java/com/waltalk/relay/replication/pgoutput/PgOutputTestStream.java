package com.waltalk.relay.replication.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.fluent.logical.ChainedLogicalStreamBuilder;

/**
 * Test helper: a logical replication slot on an embedded PostgreSQL, streamed with pgjdbc's
 * replication API exactly as the relay does, every payload decoded by one {@link PgOutputDecoder}.
 */
final class PgOutputTestStream implements AutoCloseable {

    /** Zone of the replication session: the text output of timestamptz uses it. */
    static final String SESSION_ZONE = "Asia/Kathmandu";

    private static final long TIMEOUT_MILLIS = 20_000;

    final List<ByteBuffer> raw = new ArrayList<>();
    final List<PgOutputMessage> messages = new ArrayList<>();
    final PgOutputDecoder decoder = new PgOutputDecoder();

    private final EmbeddedPostgres pg;
    private final String slot;
    private Connection replConn;
    private PGReplicationStream stream;

    private PgOutputTestStream(EmbeddedPostgres pg, String slot) {
        this.pg = pg;
        this.slot = slot;
    }

    static EmbeddedPostgres startPostgres() throws Exception {
        return com.waltalk.relay.db.EmbeddedDatabase.newBuilder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                .start();
    }

    static Connection connect(EmbeddedPostgres pg) throws SQLException {
        Connection c = pg.getPostgresDatabase().getConnection();
        c.setAutoCommit(true);
        return c;
    }

    static void exec(EmbeddedPostgres pg, String... sql) throws SQLException {
        try (Connection c = connect(pg); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** Creates the slot now, so that everything committed afterwards is streamed. */
    static PgOutputTestStream createSlot(EmbeddedPostgres pg, String slot) throws SQLException {
        exec(pg, "SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
        return new PgOutputTestStream(pg, slot);
    }

    /** Starts streaming (proto_version 1) and reads until {@code done} holds or fails after a deadline. */
    PgOutputTestStream read(String publication, boolean binary, boolean messagesOption,
            Predicate<List<PgOutputMessage>> done) throws Exception {
        if (stream == null) {
            Properties props = new Properties();
            PGProperty.USER.set(props, "postgres");
            PGProperty.REPLICATION.set(props, "database");
            PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "9.4");
            PGProperty.PREFER_QUERY_MODE.set(props, "simple");
            TimeZone saved = TimeZone.getDefault();
            TimeZone.setDefault(TimeZone.getTimeZone(SESSION_ZONE)); // pgjdbc sends it as the session TimeZone
            try {
                replConn = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), props);
            } finally {
                TimeZone.setDefault(saved);
            }
            ChainedLogicalStreamBuilder b = replConn.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical()
                    .withSlotName(slot)
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", publication)
                    .withStatusInterval(1, TimeUnit.SECONDS);
            if (binary) {
                b.withSlotOption("binary", "true");
            }
            if (messagesOption) {
                b.withSlotOption("messages", "true");
            }
            stream = b.start();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (!done.test(messages)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for replication messages; got " + messages);
            }
            ByteBuffer buf = stream.readPending();
            if (buf == null) {
                Thread.sleep(5);
                continue;
            }
            raw.add(buf);
            messages.add(decoder.decode(buf));
        }
        return this;
    }

    PgOutputTestStream readCommits(String publication, boolean binary, int commits) throws Exception {
        return read(publication, binary, false, m -> count(m, Commit.class) >= commits);
    }

    static long count(List<PgOutputMessage> messages, Class<? extends PgOutputMessage> type) {
        return messages.stream().filter(type::isInstance).count();
    }

    <T extends PgOutputMessage> List<T> all(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Checks Begin/Commit framing: pairs, finalLsn == commitLsn, LSNs strictly increasing. */
    void assertTransactionFraming() {
        Begin open = null;
        long lastCommitLsn = -1;
        long lastEndLsn = -1;
        int transactions = 0;
        for (PgOutputMessage m : messages) {
            if (m instanceof Begin b) {
                assertThat(open).as("nested Begin").isNull();
                open = b;
            } else if (m instanceof Commit c) {
                assertThat(open).as("Commit without Begin").isNotNull();
                assertThat(c.commitLsn()).isEqualTo(open.finalLsn());
                assertThat(c.commitTimeMicros()).isEqualTo(open.commitTimeMicros());
                assertThat(c.flags()).isZero();
                assertThat(c.endLsn()).isGreaterThan(c.commitLsn());
                assertThat(c.commitLsn()).isGreaterThan(lastCommitLsn);
                assertThat(c.endLsn()).isGreaterThan(lastEndLsn);
                // commit time is "now": between 2020 and 2100
                assertThat(c.commitTimeMicros()).isBetween(1_577_836_800_000_000L, 4_102_444_800_000_000L);
                lastCommitLsn = c.commitLsn();
                lastEndLsn = c.endLsn();
                open = null;
                transactions++;
            } else if (m instanceof Insert || m instanceof Update || m instanceof Delete || m instanceof Truncate) {
                assertThat(open).as("change outside a transaction: " + m).isNotNull();
            } else if (m instanceof LogicalMessage lm && lm.transactional()) {
                assertThat(open).as("transactional message outside a transaction").isNotNull();
            }
        }
        assertThat(open).as("unterminated transaction").isNull();
        assertThat(transactions).isPositive();
    }

    @Override
    public void close() throws SQLException {
        if (stream != null) {
            stream.close();
        }
        if (replConn != null) {
            replConn.close();
        }
        // the walsender may take a moment to release the slot
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                exec(pg, "SELECT pg_drop_replication_slot('" + slot + "')");
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
