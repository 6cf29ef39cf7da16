package com.waltalk.relay.media;

import com.waltalk.protocol.media.MediaHeader;
import com.waltalk.protocol.media.MediaKind;
import com.waltalk.relay.replication.pgoutput.PgOutputException;
import com.waltalk.relay.replication.pgoutput.Relation;
import com.waltalk.relay.replication.pgoutput.TupleData;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The two media tables (sql/migrations V1 and V4), each the row mapper of its table: the columns the
 * relay writes, in order, the INSERT that writes them and how its parameters are bound, and where each
 * column is in a replicated {@code pgoutput} tuple of the table. The write path
 * ({@code ingest.MediaWriter}) and the fan-out ({@code fanout.MediaFanout}) both go through it, so
 * the two cannot disagree about a column.
 *
 * <p>A row is {@code sender, recipient, call_id, seq, capture_us}, two columns that depend on the kind
 * of media ({@code width, height} for video, {@code sample_rate, channels} for audio), and
 * {@code payload}. The server fills in {@code inserted_at} and the partition {@code bucket}; the relay
 * neither writes nor reads them.
 *
 * <p>Both directions stay on the media hot path's terms: the payload is bound as a {@code bytea}
 * parameter in binary (no hex, no escaping), and a replicated payload is read as a view into the
 * decoded message, never copied here.
 *
 * <p>Immutable and thread-safe; {@link Columns} too.
 */
public enum MediaTable {

    /** {@code video_frames}: JPEG frames; {@code width} and {@code height} are {@code smallint}. */
    VIDEO("video_frames", MediaKind.VIDEO_JPEG, "width", "height"),
    /** {@code audio_frames}: 16-bit PCM; {@code sample_rate} is {@code integer}, {@code channels} {@code smallint}. */
    AUDIO("audio_frames", MediaKind.AUDIO_PCM16LE, "sample_rate", "channels");

    private final String tableName;
    private final MediaKind kind;
    private final String formatA;
    private final String formatB;
    private final List<String> columns;
    private final String insertSql;

    MediaTable(String tableName, MediaKind kind, String formatA, String formatB) {
        this.tableName = tableName;
        this.kind = kind;
        this.formatA = formatA;
        this.formatB = formatB;
        // the order of the INSERT's parameters, which bind() follows
        this.columns = List.of("sender", "recipient", "call_id", "seq", "capture_us", formatA, formatB, "payload");
        this.insertSql = "INSERT INTO " + tableName + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(",", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** The table a frame of {@code kind} is written to. */
    public static MediaTable of(MediaKind kind) {
        return kind == MediaKind.VIDEO_JPEG ? VIDEO : AUDIO;
    }

    /**
     * The media table called {@code relationName} (a replicated relation's name: with
     * {@code publish_via_partition_root} changes of a partition arrive as changes of its table), or null
     * if it is not a media table.
     */
    public static MediaTable forRelation(String relationName) {
        return switch (relationName) {
            case "video_frames" -> VIDEO;
            case "audio_frames" -> AUDIO;
            default -> null;
        };
    }

    public String tableName() {
        return tableName;
    }

    /** The kind of media this table holds. */
    public MediaKind kind() {
        return kind;
    }

    /** The columns the relay writes, in the order of {@link #insertSql()}'s parameters. */
    public List<String> columns() {
        return columns;
    }

    /** {@code INSERT INTO <table> (<columns>) VALUES (?,…)}, one parameter per column of {@link #columns()}. */
    public String insertSql() {
        return insertSql;
    }

    /**
     * Binds one row to {@code insert}, a statement prepared from {@link #insertSql()}: the relay-stamped
     * {@code sender}, the header's fields (its {@code peer} is the recipient) and the payload. The caller
     * adds the row to a batch and executes it.
     */
    public void bind(PreparedStatement insert, String sender, MediaHeader header, byte[] payload)
            throws SQLException {
        insert.setString(1, sender);
        insert.setString(2, header.peer());
        insert.setLong(3, header.callId());
        insert.setLong(4, header.seq());
        insert.setLong(5, header.captureMicros());
        if (this == VIDEO) {
            insert.setShort(6, (short) header.width());
            insert.setShort(7, (short) header.height());
        } else {
            insert.setInt(6, header.sampleRate());
            insert.setShort(7, (short) header.channels());
        }
        insert.setBytes(8, payload); // pgjdbc sends a byte[] parameter in binary
    }

    /**
     * Where this table's columns are in tuples of {@code relation}, resolved once per Relation message
     * (pgoutput sends one before a stream's first change of the table and whenever its definition changes).
     *
     * @throws PgOutputException if the relation lacks one of the columns
     */
    public Columns columnsIn(Relation relation) throws PgOutputException {
        return new Columns(this, index(relation, "sender"), index(relation, "recipient"), index(relation, "call_id"),
                index(relation, "seq"), index(relation, "capture_us"), index(relation, formatA),
                index(relation, formatB), index(relation, "payload"));
    }

    private static int index(Relation relation, String column) throws PgOutputException {
        int i = relation.columnIndex(column);
        if (i < 0) {
            throw new PgOutputException("relation " + relation.name() + " has no column " + column);
        }
        return i;
    }

    /**
     * A media table's column positions in the tuples of one replicated Relation, and the reads of a row
     * by them. The reads are the tuple's own: numbers decoded in place, the payload a read-only view into
     * the message, nothing else allocated but the header.
     */
    public record Columns(MediaTable table, int sender, int recipient, int callId, int seq, int captureUs,
                          int formatA, int formatB, int payload) {

        /** The user the relay stamped as the frame's sender. */
        public String sender(TupleData row) throws PgOutputException {
            return row.getString(sender);
        }

        /** The user the frame is for. */
        public String recipient(TupleData row) throws PgOutputException {
            return row.getString(recipient);
        }

        public long callId(TupleData row) throws PgOutputException {
            return row.getLong(callId);
        }

        /**
         * The frame's header as the recipient gets it: {@code peer} is {@code sender}; {@code callId} and
         * {@code sender} are passed in because the caller has read them already.
         */
        public MediaHeader header(TupleData row, long callId, String sender) throws PgOutputException {
            long seqValue = row.getLong(seq);
            long capture = row.getLong(captureUs);
            return table == VIDEO
                    ? MediaHeader.video(callId, seqValue, capture, row.getInt(formatA), row.getInt(formatB), sender)
                    : MediaHeader.audio(callId, seqValue, capture, row.getInt(formatA), row.getInt(formatB), sender);
        }

        /**
         * The payload as a read-only buffer: with the binary format the relay streams in, a zero-copy view
         * into the replicated message, valid as long as the message is (see {@link TupleData#getBytesView}).
         */
        public ByteBuffer payload(TupleData row) throws PgOutputException {
            return row.getBytesView(payload);
        }
    }
}
