package com.waltalk.relay.replication.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decodes what a real PostgreSQL (embedded, 18.x) streams through pgoutput, proto_version 1,
 * read with pgjdbc's replication API, in binary and in text mode.
 */
class PgOutputDecoderPostgresIT {

    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = PgOutputTestStream.startPostgres();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private static String suffix(boolean binary) {
        return (binary ? "_bin_" : "_txt_") + SEQ.incrementAndGet();
    }

    private static long micros(Instant i) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, i);
    }

    private static void insertRow(Connection c, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    // ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {true, false})
    void insertEveryTypeWithNullsLargeByteaAndUnicode(boolean binary) throws Exception {
        String s = suffix(binary);
        String table = "all_types" + s;
        PgOutputTestStream.exec(pg,
                "CREATE TABLE " + table + " (id int8 PRIMARY KEY, b bool, by bytea, nm name, i8 int8, i2 int2,"
                        + " i4 int4, tx text, vc varchar(50), bp char(5), u uuid, ts timestamp, tstz timestamptz,"
                        + " jb jsonb, js json)",
                "CREATE PUBLICATION pub" + s + " FOR TABLE " + table);
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        String unicode = "héllo wörld — 日本語 🎉 \\ ' \" \t end";
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        String insert = "INSERT INTO " + table + " VALUES (?, ?, ?, ?::name, ?, ?, ?, ?, ?, ?, ?::uuid, ?::timestamp,"
                + " ?::timestamptz, ?::jsonb, ?::json)";
        try (PgOutputTestStream st = PgOutputTestStream.createSlot(pg, "slot" + s)) {
            try (Connection c = PgOutputTestStream.connect(pg)) {
                insertRow(c, insert, 1L, true, big, "pg_name_ü", 9_000_000_000L, (short) -12, -123_456, unicode,
                        "varchar ✓", "ab", uuid.toString(), "2026-11-21 05:53:01.123456",
                        "2026-11-21 05:53:01.123456+00", "{\"b\": \"ü\", \"a\": [1, 2]}", "{\"z\":  1}");
                insertRow(c, "INSERT INTO " + table + " (id) VALUES (?)", 2L);
                insertRow(c, insert, 3L, false, new byte[0], "", Long.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE,
                        "", "", "", "00000000-0000-0000-0000-000000000000", "-infinity", "infinity", "[]", "null");
                insertRow(c, insert, 4L, true, new byte[] {0, '\\', (byte) 0xff}, "x", Long.MAX_VALUE,
                        Short.MAX_VALUE, Integer.MAX_VALUE, "x", "x", "abcde", "ffffffff-ffff-ffff-ffff-ffffffffffff",
                        "0044-03-15 12:00:00 BC", "1900-01-01 00:00:00+00", "{}", "{}");
            }
            st.readCommits("pub" + s, binary, 4);
            st.assertTransactionFraming();

            Relation rel = st.all(Relation.class).get(0);
            assertThat(rel.namespace()).isEqualTo("public");
            assertThat(rel.name()).isEqualTo(table);
            assertThat(rel.replicaIdentity()).isEqualTo('d');
            assertThat(rel.columns()).extracting(Relation.Column::name)
                    .containsExactly("id", "b", "by", "nm", "i8", "i2", "i4", "tx", "vc", "bp", "u", "ts", "tstz", "jb",
                            "js");
            assertThat(rel.columns()).extracting(Relation.Column::typeOid)
                    .containsExactly(20, 16, 17, 19, 20, 21, 23, 25, 1043, 1042, 2950, 1114, 1184, 3802, 114);
            assertThat(rel.columns()).extracting(Relation.Column::key)
                    .containsExactly(true, false, false, false, false, false, false, false, false, false, false, false,
                            false, false, false);
            assertThat(rel.columns().get(rel.columnIndex("vc")).typeModifier()).isEqualTo(50 + 4);
            assertThat(rel.columnIndex("nope")).isEqualTo(-1);
            assertThat(st.decoder.relation(rel.oid())).containsSame(rel);

            List<Insert> inserts = st.all(Insert.class);
            assertThat(inserts).hasSize(4);
            assertThat(inserts).allSatisfy(ins -> assertThat(ins.relation()).isSameAs(rel));
            ColumnFormat expected = binary ? ColumnFormat.BINARY : ColumnFormat.TEXT;

            TupleData t = inserts.get(0).newTuple();
            assertThat(t.size()).isEqualTo(15);
            for (int i = 0; i < t.size(); i++) {
                assertThat(t.format(i)).as("format of column %d", i).isEqualTo(expected);
            }
            assertThat(t.getLong("id")).isEqualTo(1);
            assertThat(t.getBoolean("b")).isTrue();
            assertThat(t.getBytes("by")).isEqualTo(big);
            ByteBuffer view = t.getBytesView("by");
            assertThat(view.isReadOnly()).isTrue();
            assertThat(view.remaining()).isEqualTo(big.length);
            assertThat(view).isEqualTo(ByteBuffer.wrap(big));
            assertThat(t.getString("nm")).isEqualTo("pg_name_ü");
            assertThat(t.getLong("i8")).isEqualTo(9_000_000_000L);
            assertThatThrownBy(() -> t.getInt("i8")).isInstanceOf(PgOutputException.class);
            assertThat(t.getShort("i2")).isEqualTo((short) -12);
            assertThat(t.getInt("i2")).isEqualTo(-12);
            assertThat(t.getInt("i4")).isEqualTo(-123_456);
            assertThat(t.getLong("i4")).isEqualTo(-123_456);
            assertThat(t.getString("tx")).isEqualTo(unicode);
            assertThat(StandardCharsets.UTF_8.decode(t.raw("tx")).toString()).isEqualTo(unicode);
            assertThat(t.getString("vc")).isEqualTo("varchar ✓");
            assertThat(t.getString("bp")).isEqualTo("ab   ");
            assertThat(t.getUuid("u")).isEqualTo(uuid);
            assertThat(t.getString("u")).isEqualTo(uuid.toString());
            long expectedTs = micros(Instant.parse("2026-11-21T05:53:01.123456Z"));
            assertThat(t.getTimestampMicros("ts")).isEqualTo(expectedTs);
            assertThat(t.getTimestampMicros("tstz")).isEqualTo(expectedTs);
            if (!binary) {
                // the walsender renders timestamptz in the replication session's zone
                assertThat(t.getString("tstz")).isEqualTo("2026-11-21 11:38:01.123456+05:45");
                assertThat(t.getString("i4")).isEqualTo("-123456");
            }
            assertThat(t.getString("jb")).isEqualTo("{\"a\": [1, 2], \"b\": \"ü\"}");
            assertThat(t.getString("js")).isEqualTo("{\"z\":  1}");
            if (binary) {
                assertThat(t.raw("jb").get(0)).as("jsonb binary version byte").isEqualTo((byte) 1);
                assertThatThrownBy(() -> t.getString("ts")).isInstanceOf(PgOutputException.class);
            }
            // type mismatches
            assertThatThrownBy(() -> t.getLong("tx")).isInstanceOf(PgOutputException.class).hasMessageContaining("tx");
            assertThatThrownBy(() -> t.getBytes("tx")).isInstanceOf(PgOutputException.class);
            assertThatThrownBy(() -> t.getUuid("id")).isInstanceOf(PgOutputException.class);
            assertThatThrownBy(() -> t.getTimestampMicros("i8")).isInstanceOf(PgOutputException.class);
            assertThatThrownBy(() -> t.getBoolean("i2")).isInstanceOf(PgOutputException.class);
            assertThatThrownBy(() -> t.getLong("no_such_column")).isInstanceOf(PgOutputException.class)
                    .hasMessageContaining("no_such_column");

            TupleData nulls = inserts.get(1).newTuple();
            assertThat(nulls.getLong(0)).isEqualTo(2);
            for (int i = 1; i < nulls.size(); i++) {
                int col = i;
                assertThat(nulls.isNull(col)).isTrue();
                assertThat(nulls.format(col)).isEqualTo(ColumnFormat.NULL);
                assertThat(nulls.raw(col)).isNull();
                assertThatThrownBy(() -> nulls.getString(col)).isInstanceOf(PgOutputException.class)
                        .hasMessageContaining("NULL");
            }
            assertThatThrownBy(() -> nulls.getBytes("by")).isInstanceOf(PgOutputException.class);
            assertThatThrownBy(() -> nulls.getTimestampMicros("tstz")).isInstanceOf(PgOutputException.class);

            TupleData edge = inserts.get(2).newTuple();
            assertThat(edge.getBoolean("b")).isFalse();
            assertThat(edge.getBytes("by")).isEmpty();
            assertThat(edge.getBytesView("by").remaining()).isZero();
            assertThat(edge.getString("nm")).isEmpty();
            assertThat(edge.getLong("i8")).isEqualTo(Long.MIN_VALUE);
            assertThat(edge.getShort("i2")).isEqualTo(Short.MIN_VALUE);
            assertThat(edge.getInt("i4")).isEqualTo(Integer.MIN_VALUE);
            assertThat(edge.getString("tx")).isEmpty();
            assertThat(edge.getString("bp")).isEqualTo("     ");
            assertThat(edge.getUuid("u")).isEqualTo(new UUID(0, 0));
            assertThat(edge.getTimestampMicros("ts")).isEqualTo(Long.MIN_VALUE);
            assertThat(edge.getTimestampMicros("tstz")).isEqualTo(Long.MAX_VALUE);
            assertThat(edge.getString("jb")).isEqualTo("[]");
            assertThat(edge.getString("js")).isEqualTo("null");

            TupleData edge2 = inserts.get(3).newTuple();
            assertThat(edge2.getBytes("by")).containsExactly(0, '\\', 0xff);
            assertThat(edge2.getLong("i8")).isEqualTo(Long.MAX_VALUE);
            assertThat(edge2.getShort("i2")).isEqualTo(Short.MAX_VALUE);
            assertThat(edge2.getInt("i4")).isEqualTo(Integer.MAX_VALUE);
            assertThat(edge2.getUuid("u")).isEqualTo(new UUID(-1, -1));
            assertThat(edge2.getTimestampMicros("ts"))
                    .isEqualTo(LocalDateTime.of(-43, 3, 15, 12, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L);
            assertThat(edge2.getTimestampMicros("tstz")).isEqualTo(micros(Instant.parse("1900-01-01T00:00:00Z")));
            if (!binary) {
                // historic local mean time offset, with seconds
                assertThat(edge2.getString("tstz")).isEqualTo("1900-01-01 05:41:16+05:41:16");
                assertThat(edge2.getString("ts")).isEqualTo("0044-03-15 12:00:00 BC");
            }

            // pgjdbc hands out slices: position 0, non-zero arrayOffset (the XLogData header)
            assertThat(st.raw).allSatisfy(b -> assertThat(b.arrayOffset()).isPositive());

            // the captured edge-value Insert, truncated at every offset, never decodes
            int idx = st.messages.indexOf(inserts.get(2));
            ByteBuffer captured = st.raw.get(idx);
            MalformedInput.assertEveryTruncationFails(st.decoder, captured);
            // and the 1 MiB one at a sample of offsets
            ByteBuffer huge = st.raw.get(st.messages.indexOf(inserts.get(0)));
            for (int cut = 0; cut < huge.remaining(); cut += 7919) {
                ByteBuffer b = huge.duplicate();
                b.limit(b.position() + cut);
                assertThatThrownBy(() -> st.decoder.decode(b)).isInstanceOf(PgOutputException.class);
            }
        }
    }

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {true, false})
    void updateAndDeleteWithReplicaIdentityDefaultFullAndUnchangedToast(boolean binary) throws Exception {
        String s = suffix(binary);
        String def = "upd_def" + s;
        String full = "upd_full" + s;
        String toast = "toast" + s;
        String toastFull = "toast_full" + s;
        PgOutputTestStream.exec(pg,
                "CREATE TABLE " + def + " (id int4 PRIMARY KEY, v text, n int4)",
                "CREATE TABLE " + full + " (id int4 PRIMARY KEY, v text)",
                "ALTER TABLE " + full + " REPLICA IDENTITY FULL",
                "CREATE TABLE " + toast + " (id int4 PRIMARY KEY, big text, n int4)",
                "ALTER TABLE " + toast + " ALTER COLUMN big SET STORAGE EXTERNAL",
                "CREATE TABLE " + toastFull + " (id int4 PRIMARY KEY, big text, n int4)",
                "ALTER TABLE " + toastFull + " ALTER COLUMN big SET STORAGE EXTERNAL",
                "ALTER TABLE " + toastFull + " REPLICA IDENTITY FULL",
                "CREATE PUBLICATION pub" + s + " FOR TABLE " + def + ", " + full + ", " + toast + ", " + toastFull);
        StringBuilder sb = new StringBuilder();
        Random rnd = new Random(7);
        while (sb.length() < 100_000) {
            sb.append(Long.toHexString(rnd.nextLong())).append('é');
        }
        String bigText = sb.toString();
        try (PgOutputTestStream st = PgOutputTestStream.createSlot(pg, "slot" + s)) {
            try (Connection c = PgOutputTestStream.connect(pg)) {
                PgOutputTestStream.exec(pg,
                        "INSERT INTO " + def + " VALUES (1, 'a', 0)",
                        "UPDATE " + def + " SET v = 'b' WHERE id = 1",
                        "UPDATE " + def + " SET id = 2 WHERE id = 1",
                        "INSERT INTO " + full + " VALUES (1, 'x')",
                        "UPDATE " + full + " SET v = 'y' WHERE id = 1");
                insertRow(c, "INSERT INTO " + toast + " VALUES (1, ?, 0)", bigText);
                insertRow(c, "INSERT INTO " + toastFull + " VALUES (1, ?, 0)", bigText);
                PgOutputTestStream.exec(pg,
                        "UPDATE " + toast + " SET n = 1 WHERE id = 1",
                        "UPDATE " + toastFull + " SET n = 1 WHERE id = 1",
                        "DELETE FROM " + def + " WHERE id = 2",
                        "DELETE FROM " + full + " WHERE id = 1",
                        "DELETE FROM " + toast + " WHERE id = 1",
                        "DELETE FROM " + toastFull + " WHERE id = 1");
            }
            st.readCommits("pub" + s, binary, 13);
            st.assertTransactionFraming();
            List<Update> updates = st.all(Update.class);
            List<Delete> deletes = st.all(Delete.class);
            assertThat(updates).hasSize(5);
            assertThat(deletes).hasSize(4);

            // DEFAULT, non-key change: no old tuple
            Update u1 = updates.get(0);
            assertThat(u1.relation().name()).isEqualTo(def);
            assertThat(u1.relation().replicaIdentity()).isEqualTo('d');
            assertThat(u1.oldTuple()).isNull();
            assertThat(u1.oldKind()).isEqualTo((char) 0);
            assertThat(u1.newTuple().getInt("id")).isEqualTo(1);
            assertThat(u1.newTuple().getString("v")).isEqualTo("b");

            // DEFAULT, key change: 'K' old tuple with only the key, other columns NULL
            Update u2 = updates.get(1);
            assertThat(u2.oldKind()).isEqualTo('K');
            assertThat(u2.oldTuple().getInt("id")).isEqualTo(1);
            assertThat(u2.oldTuple().isNull("v")).isTrue();
            assertThat(u2.oldTuple().isNull("n")).isTrue();
            assertThat(u2.newTuple().getInt("id")).isEqualTo(2);
            assertThat(u2.newTuple().getString("v")).isEqualTo("b");

            // FULL: 'O' with the whole old row
            Update u3 = updates.get(2);
            assertThat(u3.relation().replicaIdentity()).isEqualTo('f');
            assertThat(u3.relation().columns()).allSatisfy(col -> assertThat(col.key()).isTrue());
            assertThat(u3.oldKind()).isEqualTo('O');
            assertThat(u3.oldTuple().getInt("id")).isEqualTo(1);
            assertThat(u3.oldTuple().getString("v")).isEqualTo("x");
            assertThat(u3.newTuple().getString("v")).isEqualTo("y");

            // unchanged TOAST value is not sent: 'u'
            Update u4 = updates.get(3);
            assertThat(u4.relation().name()).isEqualTo(toast);
            assertThat(u4.oldTuple()).isNull();
            TupleData nt = u4.newTuple();
            assertThat(nt.isUnchangedToast("big")).isTrue();
            assertThat(nt.format("big")).isEqualTo(ColumnFormat.UNCHANGED_TOAST);
            assertThat(nt.isNull("big")).isFalse();
            assertThat(nt.raw("big")).isNull();
            assertThatThrownBy(() -> nt.getString("big")).isInstanceOf(PgOutputException.class)
                    .hasMessageContaining("unchanged TOAST");
            assertThat(nt.getInt("n")).isEqualTo(1);
            // the Insert carried the whole value
            Insert toastInsert = st.all(Insert.class).stream().filter(i -> i.relation().name().equals(toast))
                    .findFirst().orElseThrow();
            assertThat(toastInsert.newTuple().getString("big")).isEqualTo(bigText);

            // FULL + TOAST: the old row carries the detoasted value, the new one still says 'u'
            Update u5 = updates.get(4);
            assertThat(u5.relation().name()).isEqualTo(toastFull);
            assertThat(u5.oldKind()).isEqualTo('O');
            assertThat(u5.oldTuple().getString("big")).isEqualTo(bigText);
            assertThat(u5.oldTuple().getInt("n")).isEqualTo(0);
            assertThat(u5.newTuple().isUnchangedToast("big")).isTrue();
            assertThat(u5.newTuple().getInt("n")).isEqualTo(1);

            // DELETE with DEFAULT: key only
            Delete d1 = deletes.get(0);
            assertThat(d1.relation().name()).isEqualTo(def);
            assertThat(d1.oldKind()).isEqualTo('K');
            assertThat(d1.oldTuple().getInt("id")).isEqualTo(2);
            assertThat(d1.oldTuple().isNull("v")).isTrue();
            // DELETE with FULL: the whole row
            Delete d2 = deletes.get(1);
            assertThat(d2.oldKind()).isEqualTo('O');
            assertThat(d2.oldTuple().getInt("id")).isEqualTo(1);
            assertThat(d2.oldTuple().getString("v")).isEqualTo("y");
            Delete d3 = deletes.get(2);
            assertThat(d3.oldKind()).isEqualTo('K');
            assertThat(d3.oldTuple().getInt("id")).isEqualTo(1);
            assertThat(d3.oldTuple().isNull("big")).isTrue();
            Delete d4 = deletes.get(3);
            assertThat(d4.oldKind()).isEqualTo('O');
            assertThat(d4.oldTuple().getString("big")).isEqualTo(bigText);
        }
    }

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {true, false})
    void truncateOfSeveralRelationsWithOptions(boolean binary) throws Exception {
        String s = suffix(binary);
        String a = "tr_a" + s;
        String b = "tr_b" + s;
        PgOutputTestStream.exec(pg,
                "CREATE TABLE " + a + " (id int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)",
                "CREATE TABLE " + b + " (id int4 PRIMARY KEY)",
                "CREATE PUBLICATION pub" + s + " FOR TABLE " + a + ", " + b);
        try (PgOutputTestStream st = PgOutputTestStream.createSlot(pg, "slot" + s)) {
            PgOutputTestStream.exec(pg,
                    "INSERT INTO " + a + " (v) VALUES ('x')",
                    "TRUNCATE " + a + ", " + b + " RESTART IDENTITY",
                    "TRUNCATE " + b + " CASCADE",
                    "TRUNCATE " + a);
            st.readCommits("pub" + s, binary, 4);
            st.assertTransactionFraming();
            List<Truncate> truncates = st.all(Truncate.class);
            assertThat(truncates).hasSize(3);
            Truncate t1 = truncates.get(0);
            assertThat(t1.relations()).extracting(Relation::name).containsExactlyInAnyOrder(a, b);
            assertThat(t1.restartIdentity()).isTrue();
            assertThat(t1.cascade()).isFalse();
            assertThat(t1.options()).isEqualTo(Truncate.OPTION_RESTART_IDENTITY);
            Truncate t2 = truncates.get(1);
            assertThat(t2.relations()).extracting(Relation::name).containsExactly(b);
            assertThat(t2.cascade()).isTrue();
            assertThat(t2.restartIdentity()).isFalse();
            Truncate t3 = truncates.get(2);
            assertThat(t3.relations()).extracting(Relation::name).containsExactly(a);
            assertThat(t3.options()).isZero();
            // relations in a Truncate are the cached Relation instances
            assertThat(t3.relations().get(0)).isSameAs(st.decoder.relation(t3.relations().get(0).oid()).orElseThrow());
        }
    }

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {true, false})
    void addColumnMidStreamSendsNewRelation(boolean binary) throws Exception {
        String s = suffix(binary);
        String t = "evo" + s;
        PgOutputTestStream.exec(pg,
                "CREATE TABLE " + t + " (id int4 PRIMARY KEY, a text)",
                "CREATE PUBLICATION pub" + s + " FOR TABLE " + t);
        try (PgOutputTestStream st = PgOutputTestStream.createSlot(pg, "slot" + s)) {
            PgOutputTestStream.exec(pg,
                    "INSERT INTO " + t + " VALUES (1, 'x')",
                    "ALTER TABLE " + t + " ADD COLUMN c int8 DEFAULT 7",
                    "INSERT INTO " + t + " VALUES (2, 'y', 8)",
                    "INSERT INTO " + t + " (id, a) VALUES (3, 'z')");
            st.readCommits("pub" + s, binary, 3);
            st.assertTransactionFraming();
            assertThat(st.messages).extracting(m -> m.getClass().getSimpleName())
                    .containsExactly("Begin", "Relation", "Insert", "Commit",
                            "Begin", "Relation", "Insert", "Commit",
                            "Begin", "Insert", "Commit");
            List<Relation> rels = st.all(Relation.class);
            assertThat(rels.get(0).oid()).isEqualTo(rels.get(1).oid());
            assertThat(rels.get(0).columns()).hasSize(2);
            assertThat(rels.get(1).columns()).extracting(Relation.Column::name).containsExactly("id", "a", "c");
            assertThat(rels.get(1).columnIndex("c")).isEqualTo(2);
            assertThat(st.decoder.relation(rels.get(0).oid())).containsSame(rels.get(1));
            List<Insert> inserts = st.all(Insert.class);
            TupleData first = inserts.get(0).newTuple();
            assertThat(first.relation()).isSameAs(rels.get(0));
            assertThat(first.size()).isEqualTo(2);
            assertThatThrownBy(() -> first.getLong("c")).isInstanceOf(PgOutputException.class);
            TupleData second = inserts.get(1).newTuple();
            assertThat(second.relation()).isSameAs(rels.get(1));
            assertThat(second.getLong("c")).isEqualTo(8);
            assertThat(second.getString("a")).isEqualTo("y");
            assertThat(inserts.get(2).newTuple().getLong("c")).isEqualTo(7);
        }
    }

    @ParameterizedTest(name = "binary={0}")
    @ValueSource(booleans = {true, false})
    void logicalMessages(boolean binary) throws Exception {
        String s = suffix(binary);
        String t = "msg" + s;
        PgOutputTestStream.exec(pg,
                "CREATE TABLE " + t + " (id int4 PRIMARY KEY)",
                "CREATE PUBLICATION pub" + s + " FOR TABLE " + t);
        try (PgOutputTestStream st = PgOutputTestStream.createSlot(pg, "slot" + s)) {
            PgOutputTestStream.exec(pg,
                    "SELECT pg_logical_emit_message(true, 'p', 'x')",
                    "SELECT pg_logical_emit_message(false, 'q', '\\x00ff'::bytea)");
            try (Connection c = PgOutputTestStream.connect(pg); Statement stmt = c.createStatement()) {
                c.setAutoCommit(false);
                stmt.execute("INSERT INTO " + t + " VALUES (1)");
                stmt.execute("SELECT pg_logical_emit_message(true, 'p', 'ü')");
                c.commit();
            }
            st.read("pub" + s, binary, true, m -> PgOutputTestStream.count(m, Commit.class) >= 2
                    && PgOutputTestStream.count(m, LogicalMessage.class) >= 3);
            st.assertTransactionFraming();
            List<LogicalMessage> msgs = st.all(LogicalMessage.class);
            assertThat(msgs).hasSize(3);
            LogicalMessage m1 = msgs.get(0);
            assertThat(m1.transactional()).isTrue();
            assertThat(m1.prefix()).isEqualTo("p");
            assertThat(m1.content()).containsExactly('x');
            assertThat(m1.lsn()).isPositive();
            assertThat(st.messages.get(0)).isInstanceOf(Begin.class);
            assertThat(st.messages.get(1)).isEqualTo(m1);
            assertThat(st.messages.get(2)).isInstanceOf(Commit.class);
            LogicalMessage m2 = msgs.get(1);
            assertThat(m2.transactional()).isFalse();
            assertThat(m2.prefix()).isEqualTo("q");
            assertThat(m2.content()).containsExactly(0, 0xff);
            assertThat(st.messages.get(3)).isEqualTo(m2);
            assertThat(st.messages).extracting(m -> m.getClass().getSimpleName())
                    .containsExactly("Begin", "LogicalMessage", "Commit", "LogicalMessage",
                            "Begin", "Relation", "Insert", "LogicalMessage", "Commit");
            LogicalMessage m3 = msgs.get(2);
            assertThat(new String(m3.content(), StandardCharsets.UTF_8)).isEqualTo("ü");
            assertThat(m3.lsn()).isGreaterThan(m2.lsn()).isGreaterThan(m1.lsn());
        }
    }
}
