package com.waltalk.relay.replication.pgoutput;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;

/** Assertions about decoding damaged input. */
final class MalformedInput {

    private MalformedInput() {
    }

    /** The whole message decodes; every strict prefix of it throws PgOutputException. */
    static void assertEveryTruncationFails(PgOutputDecoder decoder, ByteBuffer message) {
        assertThatCode(() -> decoder.decode(message.duplicate())).doesNotThrowAnyException();
        for (int cut = 0; cut < message.remaining(); cut++) {
            ByteBuffer b = message.duplicate();
            b.limit(b.position() + cut);
            int c = cut;
            assertThatThrownBy(() -> decoder.decode(b)).as("truncated to %d bytes", c)
                    .isInstanceOf(PgOutputException.class);
        }
    }

    /**
     * Decodes {@code message}; whatever happens must be success or PgOutputException, and on success
     * every accessor of every tuple column must likewise either work or throw PgOutputException.
     *
     * @return whether decoding succeeded
     */
    static boolean decodeQuietly(PgOutputDecoder decoder, ByteBuffer message) {
        PgOutputMessage m;
        try {
            m = decoder.decode(message);
        } catch (PgOutputException expected) {
            return false;
        }
        if (m instanceof Insert i) {
            exercise(i.newTuple());
        } else if (m instanceof Update u) {
            if (u.oldTuple() != null) {
                exercise(u.oldTuple());
            }
            exercise(u.newTuple());
        } else if (m instanceof Delete d) {
            exercise(d.oldTuple());
        }
        m.toString();
        return true;
    }

    interface Accessor {
        Object get(TupleData t, int i) throws PgOutputException;
    }

    private static final Accessor[] ACCESSORS = {
        TupleData::getLong, TupleData::getInt, TupleData::getShort, TupleData::getBoolean, TupleData::getString,
        TupleData::getBytes, TupleData::getBytesView, TupleData::getTimestampMicros, TupleData::getUuid,
        (t, i) -> t.raw(i), (t, i) -> t.format(i)
    };

    static void exercise(TupleData t) {
        t.toString();
        for (int i = 0; i < t.size(); i++) {
            for (Accessor a : ACCESSORS) {
                try {
                    a.get(t, i);
                } catch (PgOutputException expected) {
                    // fine
                }
            }
        }
    }
}
