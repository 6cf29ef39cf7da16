package com.waltalk.relay.replication;

import com.waltalk.relay.replication.pgoutput.Delete;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.relay.replication.pgoutput.Update;

/**
 * Receives decoded row changes in commit order. Called from the single replication thread;
 * implementations must not block on clients (hand work off instead), or they delay everyone.
 */
public interface ChangeHandler {

    /**
     * The transaction a change belongs to.
     *
     * @param xid              32-bit transaction id as sent by pgoutput
     * @param commitLsn        LSN of the commit record
     * @param commitTimeMicros commit time on the database's clock, Unix microseconds
     * @param backlog          true if the transaction committed before this stream was opened: it is
     *                         being replayed from the slot (after a relay restart or reconnect), not live
     */
    record Transaction(long xid, long commitLsn, long commitTimeMicros, boolean backlog) {
    }

    /**
     * Called on the replication thread before each (re)connection of the stream, so a handler can
     * (re)load the state it mirrors; {@code liveFromLsn} is the WAL position where live traffic starts.
     */
    default void onStreamOpening(long liveFromLsn) throws java.sql.SQLException {
    }

    default void onInsert(Insert insert, Transaction transaction) {
    }

    default void onUpdate(Update update, Transaction transaction) {
    }

    default void onDelete(Delete delete, Transaction transaction) {
    }

    /** The transaction's last change has been delivered. */
    default void onCommit(Transaction transaction) {
    }
}
