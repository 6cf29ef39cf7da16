package com.waltalk.relay.replication.pgoutput;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Parsers for PostgreSQL text output representations, working directly on UTF-8/ASCII bytes. */
final class PgText {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private PgText() {
    }

    static String show(byte[] b, int off, int len) {
        int n = Math.min(len, 64);
        return '"' + new String(b, off, n, StandardCharsets.UTF_8) + (n < len ? "...\"" : "\"");
    }

    /** Parses a decimal integer (optional sign) as PostgreSQL's int2/int4/int8 output writes it. */
    static long parseLong(byte[] b, int off, int len) throws PgOutputException {
        int p = off;
        int end = off + len;
        boolean neg = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            neg = b[p] == '-';
            p++;
        }
        if (p == end) {
            throw new PgOutputException("invalid integer " + show(b, off, len));
        }
        long acc = 0; // accumulated negatively so that Long.MIN_VALUE parses
        for (; p < end; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new PgOutputException("invalid integer " + show(b, off, len));
            }
            if (acc < (Long.MIN_VALUE + d) / 10) {
                throw new PgOutputException("integer out of range " + show(b, off, len));
            }
            acc = acc * 10 - d;
        }
        if (!neg) {
            if (acc == Long.MIN_VALUE) {
                throw new PgOutputException("integer out of range " + show(b, off, len));
            }
            return -acc;
        }
        return acc;
    }

    static boolean parseBoolean(byte[] b, int off, int len) throws PgOutputException {
        if (len == 1) {
            if (b[off] == 't') {
                return true;
            }
            if (b[off] == 'f') {
                return false;
            }
        }
        String s = new String(b, off, len, StandardCharsets.US_ASCII);
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new PgOutputException("invalid boolean " + show(b, off, len));
    }

    static UUID parseUuid(byte[] b, int off, int len) throws PgOutputException {
        if (len != 36 || b[off + 8] != '-' || b[off + 13] != '-' || b[off + 18] != '-' || b[off + 23] != '-') {
            throw new PgOutputException("invalid uuid " + show(b, off, len));
        }
        long msb = 0;
        long lsb = 0;
        int digits = 0;
        for (int p = off; p < off + len; p++) {
            if (b[p] == '-' && (p - off == 8 || p - off == 13 || p - off == 18 || p - off == 23)) {
                continue;
            }
            int h = hex(b[p]);
            if (h < 0) {
                throw new PgOutputException("invalid uuid " + show(b, off, len));
            }
            if (digits < 16) {
                msb = (msb << 4) | h;
            } else {
                lsb = (lsb << 4) | h;
            }
            digits++;
        }
        return new UUID(msb, lsb);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Decodes bytea text output: hex format ({@code \x...}) or the legacy escape format. */
    static byte[] decodeBytea(byte[] b, int off, int len) throws PgOutputException {
        int end = off + len;
        if (len >= 2 && b[off] == '\\' && b[off + 1] == 'x') {
            int n = len - 2;
            if ((n & 1) != 0) {
                throw new PgOutputException("invalid bytea hex: odd number of digits");
            }
            byte[] out = new byte[n / 2];
            for (int i = 0, p = off + 2; i < out.length; i++, p += 2) {
                int hi = hex(b[p]);
                int lo = hex(b[p + 1]);
                if (hi < 0 || lo < 0) {
                    throw new PgOutputException("invalid bytea hex digit at position " + (p - off));
                }
                out[i] = (byte) ((hi << 4) | lo);
            }
            return out;
        }
        // escape format: "\\" is a backslash, "\ooo" an octal byte, anything else literal
        byte[] out = new byte[len];
        int n = 0;
        for (int p = off; p < end; ) {
            byte c = b[p];
            if (c != '\\') {
                out[n++] = c;
                p++;
            } else if (p + 1 < end && b[p + 1] == '\\') {
                out[n++] = '\\';
                p += 2;
            } else if (p + 3 < end && isOctal(b[p + 1], '3') && isOctal(b[p + 2], '7') && isOctal(b[p + 3], '7')) {
                out[n++] = (byte) (((b[p + 1] - '0') << 6) | ((b[p + 2] - '0') << 3) | (b[p + 3] - '0'));
                p += 4;
            } else {
                throw new PgOutputException("invalid bytea escape at position " + (p - off));
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    private static boolean isOctal(byte c, char max) {
        return c >= '0' && c <= max;
    }

    /**
     * Parses timestamp / timestamptz output in DateStyle ISO ({@code 2026-11-21 05:53:01.123456+05:30},
     * optional fraction, optional offset {@code ±HH[:MM[:SS]]} or {@code Z}, optional {@code " BC"},
     * {@code 'T'} accepted as separator) into Unix microseconds. A value without offset (type
     * {@code timestamp}) is taken as UTC. {@code infinity}/{@code -infinity} map to {@link
     * Long#MAX_VALUE}/{@link Long#MIN_VALUE}.
     */
    static long parseTimestampMicros(byte[] b, int off, int len) throws PgOutputException {
        Cursor c = new Cursor(b, off, off + len);
        if (c.matches("infinity")) {
            return Long.MAX_VALUE;
        }
        if (c.matches("-infinity")) {
            return Long.MIN_VALUE;
        }
        try {
            long year = c.digits(4, 9); // PostgreSQL pads years to at least 4 digits
            c.expect('-');
            int month = (int) c.digits(2, 2);
            c.expect('-');
            int day = (int) c.digits(2, 2);
            if (!c.accept(' ') && !c.accept('T')) {
                throw c.fail();
            }
            int hour = (int) c.digits(2, 2);
            c.expect(':');
            int minute = (int) c.digits(2, 2);
            c.expect(':');
            int second = (int) c.digits(2, 2);
            long micros = 0;
            if (c.accept('.')) {
                int start = c.p;
                long frac = c.digits(1, 6);
                for (int i = c.p - start; i < 6; i++) {
                    frac *= 10;
                }
                micros = frac;
            }
            int offsetSeconds = 0;
            if (c.p < c.end && (c.b[c.p] == '+' || c.b[c.p] == '-')) {
                int sign = c.b[c.p] == '-' ? -1 : 1;
                c.p++;
                int oh = (int) c.digits(2, 2);
                int om = 0;
                int os = 0;
                if (c.accept(':')) {
                    om = (int) c.digits(2, 2);
                    if (c.accept(':')) {
                        os = (int) c.digits(2, 2);
                    }
                }
                if (om > 59 || os > 59) {
                    throw c.fail();
                }
                offsetSeconds = sign * (oh * 3600 + om * 60 + os);
            } else {
                c.accept('Z');
            }
            if (c.matchesAt(" BC")) {
                c.p += 3;
                year = 1 - year;
            }
            if (c.p != c.end) {
                throw c.fail();
            }
            if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                    || hour > 23 || minute > 59 || second > 59) {
                throw c.fail();
            }
            long epochDay = epochDay(year, month, day);
            long secondsOfDay = hour * 3600L + minute * 60L + second - offsetSeconds;
            return Math.addExact(Math.multiplyExact(epochDay, MICROS_PER_DAY), secondsOfDay * 1_000_000L + micros);
        } catch (ArithmeticException e) {
            throw new PgOutputException("timestamp out of range " + show(b, off, len), e);
        }
    }

    private static int daysInMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(long y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (astronomical year numbering). */
    static long epochDay(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    private static final class Cursor {
        final byte[] b;
        final int start;
        final int end;
        int p;

        Cursor(byte[] b, int start, int end) {
            this.b = b;
            this.start = start;
            this.end = end;
            this.p = start;
        }

        boolean matches(String s) {
            return end - start == s.length() && matchesAt(s);
        }

        boolean matchesAt(String s) {
            if (end - p < s.length()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (b[p + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        boolean accept(char ch) {
            if (p < end && b[p] == ch) {
                p++;
                return true;
            }
            return false;
        }

        void expect(char ch) throws PgOutputException {
            if (!accept(ch)) {
                throw fail();
            }
        }

        long digits(int min, int max) throws PgOutputException {
            long v = 0;
            int n = 0;
            while (p < end && n < max && b[p] >= '0' && b[p] <= '9') {
                v = v * 10 + (b[p++] - '0');
                n++;
            }
            if (n < min || (p < end && b[p] >= '0' && b[p] <= '9')) {
                throw fail();
            }
            return v;
        }

        PgOutputException fail() {
            return new PgOutputException("invalid timestamp " + show(b, start, end - start) + " at position "
                    + (p - start));
        }
    }
}
