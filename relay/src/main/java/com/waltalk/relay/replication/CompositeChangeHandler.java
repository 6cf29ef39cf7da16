package com.waltalk.relay.replication;

import com.waltalk.relay.replication.pgoutput.Delete;
import com.waltalk.relay.replication.pgoutput.Insert;
import com.waltalk.relay.replication.pgoutput.Update;
import java.sql.SQLException;
import java.util.List;

/** Hands every change to several handlers in turn; each picks the tables it cares about. */
public final class CompositeChangeHandler implements ChangeHandler {

    private final List<ChangeHandler> handlers;

    public CompositeChangeHandler(List<ChangeHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    @Override
    public void onStreamOpening(long liveFromLsn) throws SQLException {
        for (ChangeHandler h : handlers) {
            h.onStreamOpening(liveFromLsn);
        }
    }

    @Override
    public void onInsert(Insert insert, Transaction transaction) {
        for (ChangeHandler h : handlers) {
            h.onInsert(insert, transaction);
        }
    }

    @Override
    public void onUpdate(Update update, Transaction transaction) {
        for (ChangeHandler h : handlers) {
            h.onUpdate(update, transaction);
        }
    }

    @Override
    public void onDelete(Delete delete, Transaction transaction) {
        for (ChangeHandler h : handlers) {
            h.onDelete(delete, transaction);
        }
    }

    @Override
    public void onCommit(Transaction transaction) {
        for (ChangeHandler h : handlers) {
            h.onCommit(transaction);
        }
    }
}
