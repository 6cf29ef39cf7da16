package com.waltalk.relay.replication.pgoutput;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/** Immutable column list of a {@link Relation}, with a precomputed name index and type OIDs. */
final class ColumnList extends AbstractList<Relation.Column> implements RandomAccess {

    private final Relation.Column[] columns;
    private final int[] typeOids;
    private final Map<String, Integer> byName;

    private ColumnList(Relation.Column[] columns) {
        this.columns = columns;
        this.typeOids = new int[columns.length];
        this.byName = new HashMap<>(Math.max(4, columns.length * 2));
        for (int i = 0; i < columns.length; i++) {
            Relation.Column c = columns[i];
            if (c == null) {
                throw new NullPointerException("column " + i);
            }
            typeOids[i] = c.typeOid();
            byName.putIfAbsent(c.name(), i);
        }
    }

    static ColumnList of(List<Relation.Column> columns) {
        if (columns instanceof ColumnList cl) {
            return cl;
        }
        return new ColumnList(columns.toArray(new Relation.Column[0]));
    }

    static ColumnList wrap(Relation.Column[] ownedArray) {
        return new ColumnList(ownedArray);
    }

    int indexOfName(String name) {
        Integer i = byName.get(name);
        return i == null ? -1 : i;
    }

    int typeOid(int index) {
        return typeOids[index];
    }

    @Override
    public Relation.Column get(int index) {
        return columns[index];
    }

    @Override
    public int size() {
        return columns.length;
    }
}
