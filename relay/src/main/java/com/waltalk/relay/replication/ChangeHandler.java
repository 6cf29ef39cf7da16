package com.waltalk.relay.replication;

import com.waltalk.relay.replication.pgoutput.Insert;

/**
 * Receives decoded row changes in commit order. Called from the single replication thread;
 * implementations must not block (hand work off instead), or they delay every client.
 */
public interface ChangeHandler {

    /**
     * The transaction a change belongs to.
     *
     * @param commitLsn        LSN of the commit record
     * @param commitTimeMicros commit time on the database's clock, Unix microseconds
     * @param backlog          true if the transaction committed before this stream was opened: it is
     *                         being replayed from the slot (after a relay restart or reconnect), not live
     */
    record Transaction(long commitLsn, long commitTimeMicros, boolean backlog) {
    }

    /** A row was inserted. */
    void onInsert(Insert insert, Transaction transaction);
}
