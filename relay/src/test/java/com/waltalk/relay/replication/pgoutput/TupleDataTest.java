package com.waltalk.relay.replication.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed accessors on synthetic tuples: text parsing edge cases and binary validation. */
class TupleDataTest {

    /** Decodes a one-column tuple of the given type holding {@code value} in format {@code kind}. */
    private static TupleData tuple(int typeOid, char kind, byte[] value) throws PgOutputException {
        PgOutputDecoder d = new PgOutputDecoder();
        d.decode(MessageBuilder.relation(1, "public", "t", "c", typeOid).buffer());
        return ((Insert) d.decode(MessageBuilder.type('I').i32(1).u8('N').i16(1).col(kind, value).buffer()))
                .newTuple();
    }

    private static TupleData text(int typeOid, String value) throws PgOutputException {
        return tuple(typeOid, 't', value.getBytes(StandardCharsets.UTF_8));
    }

    private static long parseTs(String s) throws PgOutputException {
        return text(1184, s).getTimestampMicros(0);
    }

    @Test
    void textTimestampsMatchJavaTime() throws Exception {
        Random rnd = new Random(11);
        DateTimeFormatter base = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
        for (int i = 0; i < 2_000; i++) {
            long epochSecond = rnd.nextLong(-2_208_988_800L, 7_258_118_400L); // 1900..2200
            int micros = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000);
            int offsetSeconds = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> rnd.nextInt(-12, 15) * 3600;
                case 2 -> rnd.nextInt(-12 * 60, 14 * 60) * 60;
                default -> rnd.nextInt(-50_000, 50_000);
            };
            ZoneOffset off = ZoneOffset.ofTotalSeconds(offsetSeconds);
            OffsetDateTime odt = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSecond, micros * 1000L), off);
            StringBuilder s = new StringBuilder(base.format(odt));
            if (micros != 0) {
                String frac = String.format("%06d", micros).replaceAll("0+$", "");
                s.append('.').append(frac); // PostgreSQL trims trailing zeros
            }
            int abs = Math.abs(offsetSeconds);
            s.append(offsetSeconds < 0 ? '-' : '+').append(String.format("%02d", abs / 3600));
            if (abs % 3600 != 0) {
                s.append(String.format(":%02d", abs % 3600 / 60));
                if (abs % 60 != 0) {
                    s.append(String.format(":%02d", abs % 60));
                }
            }
            long expected = epochSecond * 1_000_000L + micros;
            assertThat(parseTs(s.toString())).as(s.toString()).isEqualTo(expected);
        }
    }

    @Test
    void textTimestampForms() throws Exception {
        long base = OffsetDateTime.parse("2026-11-21T05:53:01.123456Z").toInstant().getEpochSecond() * 1_000_000L
                + 123_456;
        assertThat(parseTs("2026-11-21 05:53:01.123456+00")).isEqualTo(base);
        assertThat(parseTs("2026-11-21 11:23:01.123456+05:30")).isEqualTo(base);
        assertThat(parseTs("2026-11-20 21:53:01.123456-08")).isEqualTo(base);
        assertThat(parseTs("2026-11-21T05:53:01.123456Z")).isEqualTo(base);
        assertThat(parseTs("2026-11-21 05:53:01.1+00")).isEqualTo(base - 23_456);
        assertThat(parseTs("2026-11-21 05:53:01+00")).isEqualTo(base - 123_456);
        assertThat(text(1114, "2026-11-21 05:53:01.123456").getTimestampMicros(0)).isEqualTo(base);
        assertThat(parseTs("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(parseTs("-infinity")).isEqualTo(Long.MIN_VALUE);
        assertThat(parseTs("2000-02-29 00:00:00+00")).isEqualTo(951_782_400_000_000L);
        assertThat(parseTs("1970-01-01 00:00:00+00")).isZero();
        assertThat(parseTs("0001-01-01 00:00:00+00 BC"))
                .isEqualTo(LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L);
        assertThat(parseTs("12345-06-07 08:09:10+00"))
                .isEqualTo(LocalDateTime.of(12345, 6, 7, 8, 9, 10).toEpochSecond(ZoneOffset.UTC) * 1_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "2026-11-21", "2026-11-21 05:53", "2026-13-01 00:00:00+00",
        "2026-02-29 00:00:00+00", "2026-11-21 24:00:00+00", "2026-11-21 05:60:00+00", "2026-11-21 05:53:01.+00",
        "2026-11-21 05:53:01.1234567+00", "2026-11-21 05:53:01+0", "2026-11-21 05:53:01+00:7", "2026-11-21 05:53:01 ",
        "2026-11-21 05:53:01+00 AD", "26-11-21 05:53:01", "2026/11/21 05:53:01", "Infinity", "now",
        "9999999999-01-01 00:00:00+00", "2026-11-21 05:53:01+00:60"})
    void invalidTextTimestampsFail(String s) {
        assertThatThrownBy(() -> parseTs(s)).isInstanceOf(PgOutputException.class);
    }

    @Test
    void binaryTimestampConversion() throws Exception {
        byte[] zero = new byte[8];
        assertThat(tuple(1184, 'b', zero).getTimestampMicros(0)).isEqualTo(946_684_800_000_000L);
        byte[] max = ByteBuffer.allocate(8).putLong(Long.MAX_VALUE).array();
        assertThat(tuple(1114, 'b', max).getTimestampMicros(0)).isEqualTo(Long.MAX_VALUE);
        byte[] nearMax = ByteBuffer.allocate(8).putLong(Long.MAX_VALUE - 5).array();
        assertThatThrownBy(() -> tuple(1184, 'b', nearMax).getTimestampMicros(0))
                .isInstanceOf(PgOutputException.class);
        assertThatThrownBy(() -> tuple(1184, 'b', new byte[7]).getTimestampMicros(0))
                .isInstanceOf(PgOutputException.class).hasMessageContaining("7 bytes");
    }

    @Test
    void textIntegers() throws Exception {
        assertThat(text(20, "9223372036854775807").getLong(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(text(20, "-9223372036854775808").getLong(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(text(23, "0").getInt(0)).isZero();
        assertThat(text(21, "-32768").getShort(0)).isEqualTo(Short.MIN_VALUE);
        for (String bad : new String[] {"", "-", "+", "9223372036854775808", "-9223372036854775809", "1.5", " 1",
            "1e3", "0x10"}) {
            assertThatThrownBy(() -> text(20, bad).getLong(0)).as(bad).isInstanceOf(PgOutputException.class);
        }
        assertThatThrownBy(() -> text(20, "2147483648").getInt(0)).isInstanceOf(PgOutputException.class);
        assertThatThrownBy(() -> text(23, "40000").getShort(0)).isInstanceOf(PgOutputException.class);
        assertThatThrownBy(() -> tuple(23, 'b', new byte[8]).getInt(0)).isInstanceOf(PgOutputException.class);
        assertThat(tuple(21, 'b', new byte[] {(byte) 0xff, (byte) 0xfe}).getLong(0)).isEqualTo(-2);
    }

    @Test
    void booleans() throws Exception {
        assertThat(text(16, "t").getBoolean(0)).isTrue();
        assertThat(text(16, "f").getBoolean(0)).isFalse();
        assertThat(tuple(16, 'b', new byte[] {1}).getBoolean(0)).isTrue();
        assertThat(tuple(16, 'b', new byte[] {1}).getString(0)).isEqualTo("t");
        assertThatThrownBy(() -> tuple(16, 'b', new byte[] {2}).getBoolean(0)).isInstanceOf(PgOutputException.class);
        assertThatThrownBy(() -> text(16, "yes").getBoolean(0)).isInstanceOf(PgOutputException.class);
    }

    @Test
    void uuids() throws Exception {
        UUID u = UUID.randomUUID();
        assertThat(text(2950, u.toString()).getUuid(0)).isEqualTo(u);
        assertThat(text(2950, u.toString().toUpperCase()).getUuid(0)).isEqualTo(u);
        for (String bad : new String[] {"", "123", u.toString().replace('-', 'x'), u.toString().substring(1) + "g",
            u.toString().replace("-", "") + "0000"}) {
            assertThatThrownBy(() -> text(2950, bad).getUuid(0)).as(bad).isInstanceOf(PgOutputException.class);
        }
        assertThatThrownBy(() -> tuple(2950, 'b', new byte[15]).getUuid(0)).isInstanceOf(PgOutputException.class);
    }

    @Test
    void byteaTextFormats() throws Exception {
        assertThat(text(17, "\\x").getBytes(0)).isEmpty();
        assertThat(text(17, "\\x00FFa0").getBytes(0)).containsExactly(0, 0xff, 0xa0);
        // legacy bytea_output = 'escape'
        assertThat(text(17, "ab\\\\c\\000\\377").getBytes(0)).containsExactly('a', 'b', '\\', 'c', 0, 0xff);
        ByteBuffer view = text(17, "\\x0102").getBytesView(0);
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        for (String bad : new String[] {"\\x0", "\\x0g", "\\", "a\\4", "\\400", "\\x 00"}) {
            assertThatThrownBy(() -> text(17, bad).getBytes(0)).as(bad).isInstanceOf(PgOutputException.class);
        }
    }

    @Test
    void stringsAndJson() throws Exception {
        assertThat(tuple(3802, 'b', "\u0001{\"a\": 1}".getBytes(StandardCharsets.UTF_8)).getString(0))
                .isEqualTo("{\"a\": 1}");
        assertThatThrownBy(() -> tuple(3802, 'b', "\u0002{}".getBytes(StandardCharsets.UTF_8)).getString(0))
                .isInstanceOf(PgOutputException.class);
        assertThatThrownBy(() -> tuple(3802, 'b', new byte[0]).getString(0)).isInstanceOf(PgOutputException.class);
        // any type in text format reads as its text
        assertThat(text(1700, "3.14").getString(0)).isEqualTo("3.14");
        // a binary type without a string rendering is a mismatch
        assertThatThrownBy(() -> tuple(1700, 'b', new byte[8]).getString(0)).isInstanceOf(PgOutputException.class)
                .hasMessageContaining("1700");
        assertThat(tuple(20, 'b', ByteBuffer.allocate(8).putLong(-7).array()).getString(0)).isEqualTo("-7");
    }

    @Test
    void indexAndNameErrors() throws Exception {
        TupleData t = text(25, "x");
        assertThatThrownBy(() -> t.isNull(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.getString(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.getString("C")).isInstanceOf(PgOutputException.class).hasMessageContaining("\"C\"");
        assertThat(t.getString("c")).isEqualTo("x");
        assertThat(t.relation().columnIndex("c")).isZero();
        assertThat(t.toString()).contains("c=t(1)");
    }
}
