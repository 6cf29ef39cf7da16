package com.waltalk.relay.replication.pgoutput;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decoder for PostgreSQL's {@code pgoutput} logical replication protocol, version 1 (PostgreSQL
 * 14 and later; with or without {@code binary 'true'}, with or without {@code messages 'true'}).
 *
 * <p>The decoder is independent of the transport: feed it the payload of each XLogData message,
 * e.g. the {@link ByteBuffer} returned by pgjdbc's {@code PGReplicationStream.read()} /
 * {@code readPending()}, which holds exactly one {@code pgoutput} message.
 *
 * <p><b>Thread safety:</b> not thread-safe. Use one instance per replication stream and call it
 * from one thread (or with external synchronisation). The instance holds the relation cache
 * (OID &rarr; most recent {@link Relation} message), which is stream state: changes are only
 * decodable after their relation's Relation message has been decoded by the same instance, so
 * when a stream is restarted (the server re-sends Relation messages on every new connection) a
 * new decoder, or the same one, may be used.
 *
 * <p><b>Buffers:</b> {@link #decode} reads the bytes between the buffer's position and limit and
 * does not change the buffer's position, limit or contents. For a heap buffer with an accessible
 * array (any {@code arrayOffset()}), decoded {@link TupleData} values are zero-copy views over
 * that array, so the array must not be modified or reused while the decoded message is in use.
 * pgjdbc allocates a fresh array for every message it returns, which is what this design
 * assumes. Direct and read-only buffers have no accessible array and are copied once.
 *
 * <p><b>Unsupported:</b> messages of protocol versions 2+ (streamed transactions, two-phase
 * commit) are rejected as unknown message types, since a version 1 stream never contains them.
 */
public final class PgOutputDecoder {

    private final Map<Integer, Relation> relations = new HashMap<>();
    private final MessageReader reader = new MessageReader();
    private Relation lastRelation;

    /** Creates a decoder with an empty relation cache. */
    public PgOutputDecoder() {
    }

    /**
     * Decodes one {@code pgoutput} message occupying the buffer's remaining bytes.
     *
     * <p>{@link Relation} messages update the relation cache and are returned too. Trailing bytes
     * after a complete message are an error.
     *
     * @param message the message, from its position to its limit; position and limit are left
     *     unchanged
     * @return the decoded message
     * @throws PgOutputException if the message is empty, truncated or otherwise malformed, has an
     *     unknown type byte, or is a change/truncate for a relation OID not seen in a Relation
     *     message
     */
    public PgOutputMessage decode(ByteBuffer message) throws PgOutputException {
        Objects.requireNonNull(message, "message");
        byte[] array;
        int from;
        int to;
        if (message.hasArray()) {
            array = message.array();
            from = message.arrayOffset() + message.position();
            to = message.arrayOffset() + message.limit();
        } else {
            array = new byte[message.remaining()];
            message.duplicate().get(array);
            from = 0;
            to = array.length;
        }
        MessageReader r = reader;
        r.reset(array, from, to);
        try {
            return decode(r);
        } finally {
            r.reset(null, 0, 0); // do not retain the caller's buffer
        }
    }

    /**
     * @param oid relation OID
     * @return the most recent Relation message decoded for this OID, if any
     */
    public Optional<Relation> relation(int oid) {
        return Optional.ofNullable(relations.get(oid));
    }

    private PgOutputMessage decode(MessageReader r) throws PgOutputException {
        if (r.remaining() == 0) {
            throw new PgOutputException("empty pgoutput message");
        }
        int type = r.uint8("message type");
        PgOutputMessage m;
        switch (type) {
            case 'B' -> {
                long finalLsn = r.int64("Begin final LSN");
                long time = r.int64("Begin commit time");
                long xid = r.int32("Begin xid") & 0xFFFF_FFFFL;
                m = new Begin(finalLsn, Bytes.pgToUnixMicros(time), xid);
            }
            case 'C' -> {
                int flags = r.uint8("Commit flags");
                long commitLsn = r.int64("Commit LSN");
                long endLsn = r.int64("Commit end LSN");
                long time = r.int64("Commit time");
                m = new Commit(flags, commitLsn, endLsn, Bytes.pgToUnixMicros(time));
            }
            case 'O' -> {
                long lsn = r.int64("Origin LSN");
                m = new Origin(lsn, r.string("Origin name"));
            }
            case 'R' -> m = decodeRelation(r);
            case 'Y' -> {
                int oid = r.int32("Type OID");
                String ns = r.string("Type namespace");
                m = new Type(oid, ns, r.string("Type name"));
            }
            case 'I' -> {
                Relation rel = lookup(r.int32("Insert relation OID"), "Insert");
                int kind = r.uint8("Insert tuple kind");
                if (kind != 'N') {
                    throw new PgOutputException("Insert: expected 'N' before new tuple but got " + describe(kind));
                }
                m = new Insert(rel, readTuple(r, rel));
            }
            case 'U' -> m = decodeUpdate(r);
            case 'D' -> {
                Relation rel = lookup(r.int32("Delete relation OID"), "Delete");
                int kind = r.uint8("Delete tuple kind");
                if (kind != 'K' && kind != 'O') {
                    throw new PgOutputException("Delete: expected 'K' or 'O' before old tuple but got " + describe(kind));
                }
                m = new Delete(rel, readTuple(r, rel), (char) kind);
            }
            case 'T' -> m = decodeTruncate(r);
            case 'M' -> {
                int flags = r.uint8("Message flags");
                long lsn = r.int64("Message LSN");
                String prefix = r.string("Message prefix");
                int len = r.int32("Message content length");
                int off = r.skip(len, "Message content");
                byte[] content = new byte[len];
                System.arraycopy(r.array(), off, content, 0, len);
                m = new LogicalMessage((flags & 1) != 0, lsn, prefix, content);
            }
            default -> throw new PgOutputException("unknown pgoutput message type " + describe(type));
        }
        r.expectEnd(m);
        if (m instanceof Relation rel) {
            relations.put(rel.oid(), rel);
            lastRelation = rel;
        }
        return m;
    }

    private Relation decodeRelation(MessageReader r) throws PgOutputException {
        int oid = r.int32("Relation OID");
        String ns = r.string("Relation namespace");
        String name = r.string("Relation name");
        char ident = (char) r.uint8("Relation replica identity");
        int n = r.uint16("Relation column count");
        // each column needs at least flags(1) + name NUL(1) + type OID(4) + typmod(4) bytes
        if ((long) n * 10 > r.remaining()) {
            throw new PgOutputException("truncated message: Relation " + ns + "." + name + " declares " + n
                    + " columns but only " + r.remaining() + " bytes remain");
        }
        Relation.Column[] cols = new Relation.Column[n];
        for (int i = 0; i < n; i++) {
            int flags = r.uint8("Relation column flags");
            String cname = r.string("Relation column name");
            int typeOid = r.int32("Relation column type OID");
            int typmod = r.int32("Relation column type modifier");
            cols[i] = new Relation.Column((flags & 1) != 0, cname, typeOid, typmod);
        }
        return new Relation(oid, ns, name, ident, ColumnList.wrap(cols));
    }

    private Update decodeUpdate(MessageReader r) throws PgOutputException {
        Relation rel = lookup(r.int32("Update relation OID"), "Update");
        int kind = r.uint8("Update tuple kind");
        TupleData oldTuple = null;
        char oldKind = 0;
        if (kind == 'K' || kind == 'O') {
            oldKind = (char) kind;
            oldTuple = readTuple(r, rel);
            kind = r.uint8("Update new tuple kind");
        }
        if (kind != 'N') {
            throw new PgOutputException("Update: expected 'N' before new tuple but got " + describe(kind));
        }
        return new Update(rel, oldTuple, oldKind, readTuple(r, rel));
    }

    private Truncate decodeTruncate(MessageReader r) throws PgOutputException {
        int n = r.int32("Truncate relation count");
        int options = r.uint8("Truncate options");
        if (n < 0 || (long) n * 4 > r.remaining()) {
            throw new PgOutputException("truncated message: Truncate declares " + n + " relations but only "
                    + r.remaining() + " bytes remain");
        }
        Relation[] rels = new Relation[n];
        for (int i = 0; i < n; i++) {
            rels[i] = lookup(r.int32("Truncate relation OID"), "Truncate");
        }
        return new Truncate(List.of(rels), options);
    }

    private Relation lookup(int oid, String what) throws PgOutputException {
        Relation last = lastRelation;
        if (last != null && last.oid() == oid) {
            return last;
        }
        Relation rel = relations.get(oid);
        if (rel == null) {
            throw new PgOutputException(what + " for unknown relation OID " + Integer.toUnsignedString(oid)
                    + " (no Relation message seen for it on this stream)");
        }
        lastRelation = rel;
        return rel;
    }

    private static TupleData readTuple(MessageReader r, Relation rel) throws PgOutputException {
        int n = r.uint16("tuple column count");
        if (n != rel.columns().size()) {
            throw new PgOutputException("tuple has " + n + " columns but relation " + rel.qualifiedName() + " has "
                    + rel.columns().size());
        }
        if (n > r.remaining()) {
            throw new PgOutputException("truncated message: tuple declares " + n + " columns but only "
                    + r.remaining() + " bytes remain");
        }
        byte[] kinds = new byte[n];
        int[] spans = new int[n * 2];
        for (int i = 0; i < n; i++) {
            int kind = r.uint8("tuple column kind");
            switch (kind) {
                case 'n' -> kinds[i] = TupleData.KIND_NULL;
                case 'u' -> kinds[i] = TupleData.KIND_UNCHANGED;
                case 't', 'b' -> {
                    kinds[i] = kind == 't' ? TupleData.KIND_TEXT : TupleData.KIND_BINARY;
                    int len = r.int32("tuple column length");
                    spans[2 * i] = r.skip(len, "tuple column value");
                    spans[2 * i + 1] = len;
                }
                default -> throw new PgOutputException("unknown tuple column kind " + describe(kind) + " for column "
                        + i + " at offset " + (r.offset() - 1));
            }
        }
        return new TupleData(rel, r.array(), kinds, spans);
    }

    private static String describe(int b) {
        String hex = String.format("0x%02x", b);
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "' (" + hex + ")" : hex;
    }
}
