package com.waltalk.relay.replication.pgoutput;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian cursor over a byte array range. Every read checks the remaining
 * length first and reports shortfalls as {@link PgOutputException}. Mutable and reusable.
 */
final class MessageReader {

    private byte[] buf;
    private int start;
    private int pos;
    private int end;

    void reset(byte[] buf, int start, int end) {
        this.buf = buf;
        this.start = start;
        this.pos = start;
        this.end = end;
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    private void need(int n, String what) throws PgOutputException {
        if (n > end - pos) {
            throw new PgOutputException("truncated message: need " + n + " byte(s) for " + what + " at offset "
                    + (pos - start) + " but only " + (end - pos) + " remain");
        }
    }

    int uint8(String what) throws PgOutputException {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    int uint16(String what) throws PgOutputException {
        need(2, what);
        int v = Bytes.uint16(buf, pos);
        pos += 2;
        return v;
    }

    int int32(String what) throws PgOutputException {
        need(4, what);
        int v = Bytes.int32(buf, pos);
        pos += 4;
        return v;
    }

    long int64(String what) throws PgOutputException {
        need(8, what);
        long v = Bytes.int64(buf, pos);
        pos += 8;
        return v;
    }

    /** Reads a NUL-terminated UTF-8 string. */
    String string(String what) throws PgOutputException {
        int p = pos;
        while (p < end && buf[p] != 0) {
            p++;
        }
        if (p >= end) {
            throw new PgOutputException("truncated message: unterminated string for " + what + " at offset "
                    + (pos - start));
        }
        String s = p == pos ? "" : new String(buf, pos, p - pos, StandardCharsets.UTF_8);
        pos = p + 1;
        return s;
    }

    /** Skips {@code n} bytes (n &ge; 0) and returns the offset of the first one. */
    int skip(int n, String what) throws PgOutputException {
        if (n < 0) {
            throw new PgOutputException("negative length " + n + " for " + what + " at offset " + (pos - start));
        }
        need(n, what);
        int p = pos;
        pos += n;
        return p;
    }

    void expectEnd(PgOutputMessage decoded) throws PgOutputException {
        if (pos != end) {
            throw new PgOutputException((end - pos) + " unexpected trailing byte(s) after "
                    + decoded.getClass().getSimpleName() + " message at offset " + (pos - start));
        }
    }

    int offset() {
        return pos - start;
    }
}
