package com.waltalk.relay.replication.pgoutput;

/** Big-endian primitive reads from byte arrays; callers check bounds. */
final class Bytes {

    /** Microseconds between 1970-01-01 and 2000-01-01 (PostgreSQL's epoch). */
    static final long PG_EPOCH_OFFSET_MICROS = 946_684_800_000_000L;

    private Bytes() {
    }

    static int uint16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    static short int16(byte[] b, int p) {
        return (short) uint16(b, p);
    }

    static int int32(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    static long int64(byte[] b, int p) {
        return ((long) int32(b, p) << 32) | (int32(b, p + 4) & 0xFFFF_FFFFL);
    }

    /**
     * Converts PostgreSQL microseconds since 2000-01-01 to Unix microseconds. PostgreSQL's
     * {@code infinity}/{@code -infinity} (INT64 max/min) map to {@link Long#MAX_VALUE}/{@link
     * Long#MIN_VALUE}.
     */
    static long pgToUnixMicros(long pgMicros) throws PgOutputException {
        if (pgMicros == Long.MAX_VALUE || pgMicros == Long.MIN_VALUE) {
            return pgMicros;
        }
        long r = pgMicros + PG_EPOCH_OFFSET_MICROS;
        // overflow iff both operands have the same sign and the result's sign differs
        if (((pgMicros ^ r) & (PG_EPOCH_OFFSET_MICROS ^ r)) < 0 || r == Long.MAX_VALUE) {
            throw new PgOutputException("timestamp " + pgMicros + " (microseconds since 2000-01-01) does not fit in "
                    + "Unix microseconds");
        }
        return r;
    }
}
