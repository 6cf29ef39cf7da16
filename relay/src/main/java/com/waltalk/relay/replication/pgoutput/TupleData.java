package com.waltalk.relay.replication.pgoutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * One tuple (row image) of an {@link Insert}, {@link Update} or {@link Delete} message: a
 * zero-copy view over the decoded message's byte array, holding only per-column offsets, lengths
 * and formats. Column values are never copied during decoding; {@link #raw(int)} and {@link
 * #getBytesView(int)} return slices of the original array.
 *
 * <p><b>Buffer ownership:</b> a TupleData is valid only as long as the array backing the buffer
 * passed to {@link PgOutputDecoder#decode} is not modified or reused. pgjdbc's {@code
 * PGReplicationStream} allocates a new array for every message it returns, so with pgjdbc a
 * decoded message stays valid indefinitely; a transport that recycles buffers must finish with
 * (or copy out of) each message before reusing its buffer.
 *
 * <p><b>Thread safety:</b> immutable once constructed; safe to read from several threads as long
 * as the underlying array is not modified.
 *
 * <p><b>Typed accessors</b> work for both column formats: with {@code binary 'true'} columns whose
 * type has a binary send function arrive as {@link ColumnFormat#BINARY} (PostgreSQL's send format),
 * otherwise as {@link ColumnFormat#TEXT} (the type's output function, UTF-8). They dispatch on the
 * column's type OID from the {@link Relation}, and throw {@link PgOutputException} for NULL or
 * unchanged-TOAST columns, for a type the accessor does not support, and for malformed values.
 * Out-of-range column indexes throw {@link IndexOutOfBoundsException} (a programming error);
 * unknown column names throw {@link PgOutputException}.
 *
 * <p>Dispatch uses the column's declared type OID from the {@link Relation} message. A column of a
 * domain (or any other user-defined) type carries that type's own OID, which the typed accessors
 * do not recognise (apart from {@link #getString(int)} on text-format columns): use {@link
 * #raw(int)}, which for a domain holds its base type's representation. Formats are per column:
 * with {@code binary 'true'}, a column whose type has no binary send function is still sent as
 * text.
 *
 * <p>Timestamps are returned as microseconds since the Unix epoch, UTC; values of type {@code
 * timestamp} (without time zone) are interpreted as UTC. PostgreSQL's {@code infinity} and {@code
 * -infinity} map to {@link Long#MAX_VALUE} and {@link Long#MIN_VALUE}. Text-format timestamps must
 * be in DateStyle ISO, which pgjdbc sets on every connection.
 */
public final class TupleData {

    static final byte KIND_NULL = 0;
    static final byte KIND_UNCHANGED = 1;
    static final byte KIND_TEXT = 2;
    static final byte KIND_BINARY = 3;

    private static final ColumnFormat[] FORMATS = {
        ColumnFormat.NULL, ColumnFormat.UNCHANGED_TOAST, ColumnFormat.TEXT, ColumnFormat.BINARY
    };

    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int NAME = 19;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int TEXT = 25;
    static final int JSON = 114;
    static final int BPCHAR = 1042;
    static final int VARCHAR = 1043;
    static final int TIMESTAMP = 1114;
    static final int TIMESTAMPTZ = 1184;
    static final int UUID_OID = 2950;
    static final int JSONB = 3802;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Relation relation;
    private final byte[] buf;
    private final byte[] kinds;
    /** offset and length per column, interleaved; only meaningful for TEXT/BINARY columns. */
    private final int[] spans;

    TupleData(Relation relation, byte[] buf, byte[] kinds, int[] spans) {
        this.relation = relation;
        this.buf = buf;
        this.kinds = kinds;
        this.spans = spans;
    }

    /** @return the relation this tuple belongs to (gives column names and type OIDs) */
    public Relation relation() {
        return relation;
    }

    /** @return the number of columns, equal to {@code relation().columns().size()} */
    public int size() {
        return kinds.length;
    }

    /**
     * @param i column index
     * @return how the column was sent
     */
    public ColumnFormat format(int i) {
        return FORMATS[kinds[Objects.checkIndex(i, kinds.length)]];
    }

    /**
     * @param i column index
     * @return whether the column is SQL NULL ({@code 'n'})
     */
    public boolean isNull(int i) {
        return kinds[Objects.checkIndex(i, kinds.length)] == KIND_NULL;
    }

    /**
     * @param i column index
     * @return whether the column is an unchanged TOASTed value whose data was not sent ({@code 'u'})
     */
    public boolean isUnchangedToast(int i) {
        return kinds[Objects.checkIndex(i, kinds.length)] == KIND_UNCHANGED;
    }

    /**
     * The column's bytes exactly as sent (text: UTF-8 output; binary: send format), without copying.
     *
     * @param i column index
     * @return a read-only, big-endian buffer positioned at 0 over the column's bytes, or {@code
     *     null} for a NULL or unchanged-TOAST column
     */
    public ByteBuffer raw(int i) {
        byte k = kinds[Objects.checkIndex(i, kinds.length)];
        if (k == KIND_NULL || k == KIND_UNCHANGED) {
            return null;
        }
        return slice(spans[2 * i], spans[2 * i + 1]);
    }

    private ByteBuffer slice(int off, int len) {
        return len == 0 ? EMPTY : ByteBuffer.wrap(buf, off, len).slice().asReadOnlyBuffer();
    }

    // ---------------------------------------------------------------------------------------
    // typed accessors

    /**
     * Reads an {@code int2}, {@code int4} or {@code int8} column.
     *
     * @param i column index
     * @return the value
     * @throws PgOutputException if NULL/unchanged, of another type, or malformed
     */
    public long getLong(int i) throws PgOutputException {
        int oid = typeOid(i);
        if (oid != INT2 && oid != INT4 && oid != INT8) {
            throw mismatch(i, "an integer");
        }
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return PgText.parseLong(buf, off, len);
        }
        int expected = oid == INT2 ? 2 : oid == INT4 ? 4 : 8;
        checkLength(i, len, expected);
        return switch (expected) {
            case 2 -> Bytes.int16(buf, off);
            case 4 -> Bytes.int32(buf, off);
            default -> Bytes.int64(buf, off);
        };
    }

    /**
     * Reads an {@code int2} or {@code int4} column, or an {@code int8} column whose value fits.
     *
     * @param i column index
     * @return the value
     * @throws PgOutputException if NULL/unchanged, of another type, out of range or malformed
     */
    public int getInt(int i) throws PgOutputException {
        long v = getLong(i);
        if (v != (int) v) {
            throw new PgOutputException("value " + v + " of " + describe(i) + " does not fit in an int");
        }
        return (int) v;
    }

    /**
     * Reads an {@code int2} column, or a wider integer column whose value fits.
     *
     * @param i column index
     * @return the value
     * @throws PgOutputException if NULL/unchanged, of another type, out of range or malformed
     */
    public short getShort(int i) throws PgOutputException {
        long v = getLong(i);
        if (v != (short) v) {
            throw new PgOutputException("value " + v + " of " + describe(i) + " does not fit in a short");
        }
        return (short) v;
    }

    /**
     * Reads a {@code bool} column.
     *
     * @param i column index
     * @return the value
     * @throws PgOutputException if NULL/unchanged, of another type, or malformed
     */
    public boolean getBoolean(int i) throws PgOutputException {
        if (typeOid(i) != BOOL) {
            throw mismatch(i, "a boolean");
        }
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return PgText.parseBoolean(buf, off, len);
        }
        checkLength(i, len, 1);
        return switch (buf[off]) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new PgOutputException("invalid binary boolean " + buf[off] + " in " + describe(i));
        };
    }

    /**
     * Reads a column as a string. A text-format column of any type returns its text
     * representation. A binary-format column must be {@code text}, {@code varchar}, {@code bpchar}
     * (with its blank padding), {@code name}, {@code json} or {@code jsonb} (whose version byte is
     * stripped); for convenience {@code int2/int4/int8}, {@code bool} and {@code uuid} binary
     * values are rendered as PostgreSQL's text output would render them. Other binary types throw.
     *
     * @param i column index
     * @return the value
     * @throws PgOutputException if NULL/unchanged, of an unsupported type, or malformed
     */
    public String getString(int i) throws PgOutputException {
        int oid = typeOid(i);
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return new String(buf, off, len, StandardCharsets.UTF_8);
        }
        switch (oid) {
            case TEXT, VARCHAR, BPCHAR, NAME, JSON -> {
                return new String(buf, off, len, StandardCharsets.UTF_8);
            }
            case JSONB -> {
                if (len < 1 || buf[off] != 1) {
                    throw new PgOutputException("unsupported binary jsonb version in " + describe(i));
                }
                return new String(buf, off + 1, len - 1, StandardCharsets.UTF_8);
            }
            case INT2, INT4, INT8 -> {
                return Long.toString(getLong(i));
            }
            case BOOL -> {
                return getBoolean(i) ? "t" : "f";
            }
            case UUID_OID -> {
                return getUuid(i).toString();
            }
            default -> throw mismatch(i, "a string");
        }
    }

    /**
     * Reads a {@code bytea} column into a new array (binary: a copy of the bytes; text: decoded
     * from the {@code \x} hex format, or the legacy escape format).
     *
     * @param i column index
     * @return a new array owned by the caller
     * @throws PgOutputException if NULL/unchanged, of another type, or malformed
     */
    public byte[] getBytes(int i) throws PgOutputException {
        if (typeOid(i) != BYTEA) {
            throw mismatch(i, "bytea");
        }
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return PgText.decodeBytea(buf, off, len);
        }
        return Arrays.copyOfRange(buf, off, off + len);
    }

    /**
     * Reads a {@code bytea} column as a read-only buffer: for the binary format a zero-copy slice
     * of the message (see the class comment for its lifetime), for the text format a new buffer
     * holding the decoded bytes.
     *
     * @param i column index
     * @return a read-only buffer positioned at 0
     * @throws PgOutputException if NULL/unchanged, of another type, or malformed
     */
    public ByteBuffer getBytesView(int i) throws PgOutputException {
        if (typeOid(i) != BYTEA) {
            throw mismatch(i, "bytea");
        }
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return ByteBuffer.wrap(PgText.decodeBytea(buf, off, len)).asReadOnlyBuffer();
        }
        return slice(off, len);
    }

    /**
     * Reads a {@code timestamptz} or {@code timestamp} column as microseconds since the Unix
     * epoch (UTC). Binary: int64 microseconds since 2000-01-01. Text: ISO output with any UTC offset.
     *
     * @param i column index
     * @return Unix microseconds, or {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} for
     *     {@code infinity}/{@code -infinity}
     * @throws PgOutputException if NULL/unchanged, of another type, malformed, or not representable
     */
    public long getTimestampMicros(int i) throws PgOutputException {
        int oid = typeOid(i);
        if (oid != TIMESTAMPTZ && oid != TIMESTAMP) {
            throw mismatch(i, "a timestamp");
        }
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return PgText.parseTimestampMicros(buf, off, len);
        }
        checkLength(i, len, 8);
        return Bytes.pgToUnixMicros(Bytes.int64(buf, off));
    }

    /**
     * Reads a {@code uuid} column.
     *
     * @param i column index
     * @return the value
     * @throws PgOutputException if NULL/unchanged, of another type, or malformed
     */
    public UUID getUuid(int i) throws PgOutputException {
        if (typeOid(i) != UUID_OID) {
            throw mismatch(i, "a uuid");
        }
        int off = offset(i);
        int len = spans[2 * i + 1];
        if (kinds[i] == KIND_TEXT) {
            return PgText.parseUuid(buf, off, len);
        }
        checkLength(i, len, 16);
        return new UUID(Bytes.int64(buf, off), Bytes.int64(buf, off + 8));
    }

    // ---------------------------------------------------------------------------------------
    // name-based overloads

    /**
     * Looks a column up by name (see {@link Relation#columnIndex(String)}).
     *
     * @param column column name
     * @return the column's index in this tuple
     * @throws PgOutputException if the relation has no such column
     */
    public int indexOf(String column) throws PgOutputException {
        int i = relation.columnIndex(column);
        if (i < 0) {
            throw new PgOutputException("relation " + relation.qualifiedName() + " has no column \"" + column + "\"");
        }
        return i;
    }

    /**
     * Name-based variant of {@link #format(int)}.
     *
     * @param column column name
     * @return the format
     * @throws PgOutputException if no such column
     */
    public ColumnFormat format(String column) throws PgOutputException {
        return format(indexOf(column));
    }

    /**
     * Name-based variant of {@link #isNull(int)}.
     *
     * @param column column name
     * @return whether NULL
     * @throws PgOutputException if no such column
     */
    public boolean isNull(String column) throws PgOutputException {
        return isNull(indexOf(column));
    }

    /**
     * Name-based variant of {@link #isUnchangedToast(int)}.
     *
     * @param column column name
     * @return whether unchanged TOAST
     * @throws PgOutputException if no such column
     */
    public boolean isUnchangedToast(String column) throws PgOutputException {
        return isUnchangedToast(indexOf(column));
    }

    /**
     * Name-based variant of {@link #raw(int)}.
     *
     * @param column column name
     * @return the bytes or null
     * @throws PgOutputException if no such column
     */
    public ByteBuffer raw(String column) throws PgOutputException {
        return raw(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getLong(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getLong(int)}
     */
    public long getLong(String column) throws PgOutputException {
        return getLong(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getInt(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getInt(int)}
     */
    public int getInt(String column) throws PgOutputException {
        return getInt(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getShort(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getShort(int)}
     */
    public short getShort(String column) throws PgOutputException {
        return getShort(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getBoolean(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getBoolean(int)}
     */
    public boolean getBoolean(String column) throws PgOutputException {
        return getBoolean(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getString(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getString(int)}
     */
    public String getString(String column) throws PgOutputException {
        return getString(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getBytes(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getBytes(int)}
     */
    public byte[] getBytes(String column) throws PgOutputException {
        return getBytes(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getBytesView(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getBytesView(int)}
     */
    public ByteBuffer getBytesView(String column) throws PgOutputException {
        return getBytesView(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getTimestampMicros(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getTimestampMicros(int)}
     */
    public long getTimestampMicros(String column) throws PgOutputException {
        return getTimestampMicros(indexOf(column));
    }

    /**
     * Name-based variant of {@link #getUuid(int)}.
     *
     * @param column column name
     * @return the value
     * @throws PgOutputException see {@link #getUuid(int)}
     */
    public UUID getUuid(String column) throws PgOutputException {
        return getUuid(indexOf(column));
    }

    // ---------------------------------------------------------------------------------------

    private int typeOid(int i) {
        Objects.checkIndex(i, kinds.length);
        return ((ColumnList) relation.columns()).typeOid(i);
    }

    /** Returns the value offset, throwing for NULL / unchanged columns. */
    private int offset(int i) throws PgOutputException {
        byte k = kinds[i];
        if (k == KIND_NULL) {
            throw new PgOutputException(describe(i) + " is NULL");
        }
        if (k == KIND_UNCHANGED) {
            throw new PgOutputException(describe(i) + " is an unchanged TOAST value (not sent)");
        }
        return spans[2 * i];
    }

    private void checkLength(int i, int len, int expected) throws PgOutputException {
        if (len != expected) {
            throw new PgOutputException("binary value of " + describe(i) + " has " + len + " bytes, expected "
                    + expected);
        }
    }

    private PgOutputException mismatch(int i, String wanted) {
        return new PgOutputException(describe(i) + " has type OID " + Integer.toUnsignedString(typeOid(i))
                + " and cannot be read as " + wanted);
    }

    private String describe(int i) {
        return "column \"" + relation.columns().get(i).name() + "\" (#" + i + ") of " + relation.qualifiedName();
    }

    /** Lists each column's name, format and length; never the values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TupleData[").append(relation.qualifiedName()).append(": ");
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(relation.columns().get(i).name()).append('=').append(FORMATS[kinds[i]].code());
            if (kinds[i] >= KIND_TEXT) {
                sb.append('(').append(spans[2 * i + 1]).append(')');
            }
        }
        return sb.append(']').toString();
    }
}
