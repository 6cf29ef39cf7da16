package com.waltalk.relay.replication;

import com.waltalk.relay.replication.pgoutput.Insert;

/**
 * Receives decoded row changes in commit order. Called from the single replication thread;
 * implementations must not block (hand work off instead), or they delay every client.
 */
public interface ChangeHandler {

    /** A row was inserted by a transaction that committed at {@code commitTimeMicros} (Unix µs). */
    void onInsert(Insert insert, long commitTimeMicros);
}
