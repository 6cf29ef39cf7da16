package com.waltalk.relay.replication.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decoder tests without a database, on messages captured from PostgreSQL 18 and synthetic ones. */
class PgOutputDecoderTest {

    // Captured from PostgreSQL 18 (pgoutput, proto_version 1, binary 'true') for
    // CREATE TABLE chat_message (id int8 PRIMARY KEY, room uuid NOT NULL, sent_at timestamptz, body text,
    //                            payload bytea, urgent bool)
    static final String BEGIN = "420000000001789708000303c1e6278b0d000002f2";
    static final String RELATION = "52000040007075626c696300636861745f6d657373616765006400060169640000000014ffffffff00"
            + "726f6f6d0000000b86ffffffff0073656e745f617400000004a0ffffffff00626f64790000000019ffffffff007061796c6f6164"
            + "0000000011ffffffff00757267656e740000000010ffffffff";
    /** INSERT VALUES (1, 'a0eebc99-...', '2026-11-21 05:53:01.123456+00', 'héllo', '\x00010203ff', NULL) */
    static final String INSERT_BINARY = "49000040004e0006620000000800000000000000016200000010a0eebc999c0b4ef8bb6d6bb9"
            + "bd380a116200000008000303c1bdfc2b80620000000668c3a96c6c6f620000000500010203ff6e";
    static final String UPDATE_BINARY = "55000040004e0006620000000800000000000000016200000010a0eebc999c0b4ef8bb6d6bb9"
            + "bd380a116200000008000303c1bdfc2b80620000000178620000000500010203ff6e";
    static final String DELETE_BINARY = "44000040004b0006620000000800000000000000016e6e6e6e6e";
    static final String COMMIT = "430000000000017897080000000001789738000303c1e6278b0d";
    /** The same row (id 2) in text mode, session TimeZone Asia/Kathmandu. */
    static final String INSERT_TEXT = "49000040004e0006740000000132740000002461306565626339392d396330622d346566382d62"
            + "6236642d3662623962643338306131317400000020323032362d31312d32312031313a33383a30312e3132333435362b30353a34"
            + "35740000000668c3a96c6c6f740000000c5c78303030313032303366666e";

    static final List<String> CAPTURED = List.of(BEGIN, RELATION, INSERT_BINARY, UPDATE_BINARY, DELETE_BINARY,
            COMMIT, INSERT_TEXT);

    static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex));
    }

    static PgOutputDecoder decoderWithRelation() throws PgOutputException {
        PgOutputDecoder d = new PgOutputDecoder();
        d.decode(hex(RELATION));
        return d;
    }

    private static final long SENT_AT = ChronoUnit.MICROS.between(Instant.EPOCH,
            Instant.parse("2026-11-21T05:53:01.123456Z"));
    private static final UUID ROOM = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");

    @Test
    void decodesCapturedTransaction() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Begin begin = (Begin) d.decode(hex(BEGIN));
        assertThat(begin.finalLsn()).isEqualTo(0x1789708L);
        assertThat(begin.xid()).isEqualTo(754);
        Relation rel = (Relation) d.decode(hex(RELATION));
        assertThat(rel.oid()).isEqualTo(16384);
        assertThat(rel.namespace()).isEqualTo("public");
        assertThat(rel.name()).isEqualTo("chat_message");
        assertThat(rel.columns()).extracting(Relation.Column::typeOid).containsExactly(20, 2950, 1184, 25, 17, 16);
        assertThat(rel.columnIndex("payload")).isEqualTo(4);
        assertThat(d.relation(16384)).containsSame(rel);
        assertThat(d.relation(16385)).isEmpty();

        for (String hex : List.of(INSERT_BINARY, INSERT_TEXT)) {
            Insert ins = (Insert) d.decode(hex(hex));
            assertThat(ins.relation()).isSameAs(rel);
            TupleData t = ins.newTuple();
            assertThat(t.getLong("id")).isEqualTo(hex.equals(INSERT_TEXT) ? 2 : 1);
            assertThat(t.getUuid("room")).isEqualTo(ROOM);
            assertThat(t.getTimestampMicros("sent_at")).isEqualTo(SENT_AT);
            assertThat(t.getString("body")).isEqualTo("héllo");
            assertThat(t.getBytes("payload")).containsExactly(0, 1, 2, 3, 0xff);
            assertThat(t.getBytesView("payload")).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, 2, 3, (byte) 0xff}));
            assertThat(t.isNull("urgent")).isTrue();
            assertThatThrownBy(() -> t.getBoolean("urgent")).isInstanceOf(PgOutputException.class);
        }
        Update u = (Update) d.decode(hex(UPDATE_BINARY));
        assertThat(u.oldTuple()).isNull();
        assertThat(u.oldKind()).isEqualTo((char) 0);
        assertThat(u.newTuple().getString("body")).isEqualTo("x");
        Delete del = (Delete) d.decode(hex(DELETE_BINARY));
        assertThat(del.oldKind()).isEqualTo('K');
        assertThat(del.oldTuple().getLong("id")).isEqualTo(1);
        assertThat(del.oldTuple().isNull("body")).isTrue();
        Commit c = (Commit) d.decode(hex(COMMIT));
        assertThat(c.commitLsn()).isEqualTo(begin.finalLsn());
        assertThat(c.endLsn()).isEqualTo(0x1789738L);
        assertThat(c.commitTimeMicros()).isEqualTo(begin.commitTimeMicros());
        assertThat(c.commitTimeMicros()).isEqualTo(0x000303c1e6278b0dL + 946_684_800_000_000L);
    }

    @Test
    void nonZeroPositionAndArrayOffsetAndDirectAndReadOnlyBuffers() throws Exception {
        byte[] msg = HexFormat.of().parseHex(INSERT_BINARY);
        byte[] big = new byte[msg.length + 40];
        new Random(1).nextBytes(big);
        System.arraycopy(msg, 0, big, 17, msg.length);
        ByteBuffer sliced = ByteBuffer.wrap(big, 5, big.length - 5).slice(); // arrayOffset 5
        sliced.position(12).limit(12 + msg.length);
        assertThat(sliced.arrayOffset()).isEqualTo(5);

        PgOutputDecoder d = decoderWithRelation();
        Insert ins = (Insert) d.decode(sliced);
        assertThat(sliced.position()).as("position untouched").isEqualTo(12);
        assertThat(sliced.limit()).isEqualTo(12 + msg.length);
        assertThat(ins.newTuple().getLong(0)).isEqualTo(1);
        assertThat(ins.newTuple().getUuid(1)).isEqualTo(ROOM);
        assertThat(ins.newTuple().getString(3)).isEqualTo("héllo");
        assertThat(ins.newTuple().getBytes(4)).containsExactly(0, 1, 2, 3, 0xff);
        ByteBuffer raw = ins.newTuple().raw(4);
        assertThat(raw.position()).isZero();
        assertThat(raw.remaining()).isEqualTo(5);
        assertThat(raw.isReadOnly()).isTrue();

        // zero-copy: the view reflects the caller's array
        big[17 + msg.length - 2] = 0x7f; // last payload byte (before the trailing 'n')
        assertThat(ins.newTuple().getBytesView(4).get(4)).isEqualTo((byte) 0x7f);

        ByteBuffer direct = ByteBuffer.allocateDirect(msg.length + 3);
        direct.put(new byte[] {9, 9, 9}).put(msg).flip().position(3);
        assertThat(((Insert) d.decode(direct)).newTuple().getTimestampMicros("sent_at")).isEqualTo(SENT_AT);
        assertThat(direct.position()).isEqualTo(3);

        ByteBuffer ro = ByteBuffer.wrap(msg).asReadOnlyBuffer();
        assertThat(((Insert) d.decode(ro)).newTuple().getString("body")).isEqualTo("héllo");
    }

    @Test
    void truncatedAtEveryOffsetFails() throws Exception {
        PgOutputDecoder d = decoderWithRelation();
        for (String m : CAPTURED) {
            MalformedInput.assertEveryTruncationFails(d, hex(m));
        }
    }

    @Test
    void trailingBytesAndEmptyMessageFail() throws Exception {
        PgOutputDecoder d = decoderWithRelation();
        for (String m : CAPTURED) {
            assertThatThrownBy(() -> d.decode(hex(m + "00"))).isInstanceOf(PgOutputException.class)
                    .hasMessageContaining("trailing");
        }
        assertThatThrownBy(() -> d.decode(ByteBuffer.allocate(0))).isInstanceOf(PgOutputException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void unknownMessageTypeIsNamed() {
        PgOutputDecoder d = new PgOutputDecoder();
        assertThatThrownBy(() -> d.decode(hex("5a00000000"))).isInstanceOf(PgOutputException.class)
                .hasMessageContaining("'Z'").hasMessageContaining("0x5a");
        assertThatThrownBy(() -> d.decode(hex("ff"))).isInstanceOf(PgOutputException.class)
                .hasMessageContaining("0xff");
        // protocol v2 stream start is not part of v1
        assertThatThrownBy(() -> d.decode(MessageBuilder.type('S').i32(1).u8(1).buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("'S'");
    }

    @Test
    void changesForUnknownRelationFail() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        for (String m : List.of(INSERT_BINARY, UPDATE_BINARY, DELETE_BINARY, INSERT_TEXT)) {
            assertThatThrownBy(() -> d.decode(hex(m))).isInstanceOf(PgOutputException.class)
                    .hasMessageContaining("unknown relation OID 16384");
        }
        assertThatThrownBy(() -> d.decode(MessageBuilder.type('T').i32(1).u8(0).i32(-5).buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("unknown relation OID 4294967291");
        d.decode(hex(RELATION));
        assertThatThrownBy(() -> d.decode(MessageBuilder.type('T').i32(2).u8(0).i32(16384).i32(99).buffer()))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("unknown relation OID 99");
    }

    @Test
    void hugeDeclaredCountsAndLengthsFailWithoutAllocating() throws Exception {
        PgOutputDecoder d = decoderWithRelation();
        List<ByteBuffer> bad = List.of(
                MessageBuilder.type('R').i32(1).str("s").str("t").u8('d').i16(0xffff).buffer(),
                MessageBuilder.type('T').i32(Integer.MAX_VALUE).u8(0).buffer(),
                MessageBuilder.type('T').i32(-1).u8(0).buffer(),
                MessageBuilder.type('I').i32(16384).u8('N').i16(6).u8('b').i32(Integer.MAX_VALUE).buffer(),
                MessageBuilder.type('I').i32(16384).u8('N').i16(6).u8('b').i32(-1).buffer(),
                MessageBuilder.type('I').i32(16384).u8('N').i16(0xffff).buffer(),
                MessageBuilder.type('I').i32(16384).u8('N').i16(5).u8('n').u8('n').u8('n').u8('n').u8('n').buffer(),
                MessageBuilder.type('I').i32(16384).u8('X').buffer(),
                MessageBuilder.type('I').i32(16384).u8('N').i16(6).u8('x').buffer(),
                MessageBuilder.type('U').i32(16384).u8('K').i16(6).u8('n').u8('n').u8('n').u8('n').u8('n').u8('n')
                        .u8('K').buffer(),
                MessageBuilder.type('D').i32(16384).u8('N').i16(6).buffer(),
                MessageBuilder.type('M').u8(1).i64(5).str("p").i32(Integer.MAX_VALUE).buffer(),
                MessageBuilder.type('M').u8(1).i64(5).str("p").i32(-3).buffer(),
                MessageBuilder.type('O').i64(5).u8('a').buffer(), // unterminated string
                MessageBuilder.type('B').i64(1).i64(Long.MAX_VALUE - 1).i32(1).buffer()); // commit time overflow
        for (ByteBuffer b : bad) {
            assertThatThrownBy(() -> d.decode(b)).isInstanceOf(PgOutputException.class);
        }
    }

    @Test
    void decodesSyntheticMessagesOfEveryKind() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        Begin b = (Begin) d.decode(MessageBuilder.type('B').i64(100).i64(0).i32(0xfffffffe).buffer());
        assertThat(b).isEqualTo(new Begin(100, 946_684_800_000_000L, 4_294_967_294L));
        Origin o = (Origin) d.decode(MessageBuilder.type('O').i64(77).str("node_ä").buffer());
        assertThat(o).isEqualTo(new Origin(77, "node_ä"));
        Type ty = (Type) d.decode(MessageBuilder.type('Y').i32(16500).str("public").str("mood").buffer());
        assertThat(ty).isEqualTo(new Type(16500, "public", "mood"));
        Relation rel = (Relation) d.decode(MessageBuilder.relation(-2, "", "sys", "k", 23, "v", 25).buffer());
        assertThat(rel.oid()).isEqualTo(-2);
        assertThat(rel.namespace()).isEmpty();
        Update u = (Update) d.decode(MessageBuilder.type('U').i32(-2)
                .u8('O').i16(2).col('t', "1").col('t', "old")
                .u8('N').i16(2).col('t', "1").u8('u').buffer());
        assertThat(u.oldKind()).isEqualTo('O');
        assertThat(u.oldTuple().getString("v")).isEqualTo("old");
        assertThat(u.newTuple().isUnchangedToast(1)).isTrue();
        assertThat(u.newTuple().getInt("k")).isEqualTo(1);
        assertThat(u.toString()).doesNotContain("\0");
        Truncate t = (Truncate) d.decode(MessageBuilder.type('T').i32(1).u8(3).i32(-2).buffer());
        assertThat(t.relations()).containsExactly(rel);
        assertThat(t.cascade()).isTrue();
        assertThat(t.restartIdentity()).isTrue();
        LogicalMessage m = (LogicalMessage) d.decode(MessageBuilder.type('M').u8(0).i64(9).str("")
                .i32(0).buffer());
        assertThat(m).isEqualTo(new LogicalMessage(false, 9, "", new byte[0]));
        Commit c = (Commit) d.decode(MessageBuilder.type('C').u8(0).i64(100).i64(200).i64(-1).buffer());
        assertThat(c).isEqualTo(new Commit(0, 100, 200, 946_684_799_999_999L));
    }

    @Test
    void randomBytesOnlyEverThrowPgOutputException() throws Exception {
        Random rnd = new Random(20261121);
        PgOutputDecoder d = decoderWithRelation();
        d.decode(MessageBuilder.relation(7, "public", "all", "id", 20, "b", 16, "by", 17, "nm", 19, "i2", 21,
                "i4", 23, "tx", 25, "js", 114, "bp", 1042, "vc", 1043, "ts", 1114, "tz", 1184, "u", 2950, "jb", 3802)
                .buffer());
        byte[] types = "BCORYIUDTMSEXnutb".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int decoded = 0;
        for (int iter = 0; iter < 100_000; iter++) {
            byte[] b = new byte[rnd.nextInt(48)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) {
                b[0] = types[rnd.nextInt(types.length)];
            }
            if (b.length >= 5 && (b[0] == 'I' || b[0] == 'U' || b[0] == 'D') && rnd.nextBoolean()) {
                // point at a known relation so the tuple decoding paths get exercised
                ByteBuffer.wrap(b).putInt(1, rnd.nextBoolean() ? 7 : 16384);
            }
            if (MalformedInput.decodeQuietly(d, ByteBuffer.wrap(b))) {
                decoded++;
            }
        }
        assertThat(decoded).isPositive();
    }

    @Test
    void mutatedCapturedMessagesOnlyEverThrowPgOutputException() throws Exception {
        Random rnd = new Random(5);
        PgOutputDecoder d = decoderWithRelation();
        int decoded = 0;
        for (String m : CAPTURED) {
            byte[] original = HexFormat.of().parseHex(m);
            for (int iter = 0; iter < 5_000; iter++) {
                byte[] b = original.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    b[1 + rnd.nextInt(b.length - 1)] = (byte) (rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(3) - 1);
                }
                if (MalformedInput.decodeQuietly(d, ByteBuffer.wrap(b))) {
                    decoded++;
                }
                d.decode(hex(RELATION)); // restore the cache if a mutated Relation replaced it
            }
        }
        assertThat(decoded).isPositive();
    }

    /**
     * Sanity check, not a benchmark: decoding an Insert with a 30 KB bytea must not copy the value.
     * Measures bytes allocated by this thread per decode (deterministic, no timing).
     */
    @Test
    void decodingLargeByteaInsertDoesNotCopyTheValue() throws Exception {
        PgOutputDecoder d = new PgOutputDecoder();
        d.decode(MessageBuilder.relation(42, "public", "chat_blob", "id", 20, "room", 2950, "sent_at", 1184,
                "data", 17).buffer());
        byte[] value = new byte[30_000];
        new Random(3).nextBytes(value);
        ByteBuffer msg = MessageBuilder.type('I').i32(42).u8('N').i16(4)
                .col('b', new byte[8]).col('b', new byte[16]).col('b', new byte[8]).col('b', value).buffer();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up
            sink += ((Insert) d.decode(msg)).newTuple().getBytesView(3).remaining();
        }
        int n = 10_000;
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            Insert ins = (Insert) d.decode(msg);
            sink += ins.newTuple().getBytesView(3).remaining();
        }
        long perDecode = (mx.getCurrentThreadAllocatedBytes() - before) / n;
        assertThat(sink).isPositive();
        System.out.println("allocated bytes per decode + getBytesView of a 30 KB bytea Insert: " + perDecode);
        // a copy of the value alone would be > 30,000 bytes; decode + view is a few small objects
        assertThat(perDecode).as("bytes allocated per decode + getBytesView").isLessThan(1_000);
    }
}
