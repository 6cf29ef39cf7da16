package com.waltalk.relay.replication.pgoutput;

import java.util.List;
import java.util.Objects;

/**
 * {@code 'R'}: describes a published relation. {@code pgoutput} sends it before the first change
 * of the relation in a stream and again whenever the relation's definition (or its publication
 * membership) changed, so a new Relation message with the same OID replaces the previous one.
 * {@link PgOutputDecoder} caches it and also returns it.
 *
 * <p>Immutable and thread-safe. The columns are those published: dropped columns and (unless the
 * publication publishes them) generated columns are not included, and a publication column list
 * restricts them further; tuples of the relation have exactly these columns, in this order.
 * {@link #columnIndex(String)} is backed by a map precomputed at construction.
 *
 * @param oid relation OID (an unsigned 32-bit value held in an int)
 * @param namespace schema name; the empty string stands for {@code pg_catalog}
 * @param name relation name
 * @param replicaIdentity {@code 'd'} default, {@code 'n'} nothing, {@code 'f'} full,
 *     {@code 'i'} index
 * @param columns the published columns (an immutable list)
 */
public record Relation(int oid, String namespace, String name, char replicaIdentity, List<Column> columns)
        implements PgOutputMessage {

    /**
     * Copies {@code columns} into an immutable, indexed list.
     *
     * @param oid see {@link #oid()}
     * @param namespace see {@link #namespace()}
     * @param name see {@link #name()}
     * @param replicaIdentity see {@link #replicaIdentity()}
     * @param columns see {@link #columns()}
     */
    public Relation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        columns = ColumnList.of(columns);
    }

    /**
     * @param column a column name (case-sensitive, as in the catalog)
     * @return the index of the column in {@link #columns()} and in tuples of this relation, or
     *     -1 if the relation has no such (published) column
     */
    public int columnIndex(String column) {
        return ((ColumnList) columns).indexOfName(column);
    }

    /** @return {@code namespace.name} (with {@code pg_catalog} for an empty namespace) */
    String qualifiedName() {
        return (namespace.isEmpty() ? "pg_catalog" : namespace) + "." + name;
    }

    /**
     * One published column.
     *
     * @param key whether the column is part of the replica identity (all columns for {@code
     *     REPLICA IDENTITY FULL})
     * @param name column name
     * @param typeOid the column's type OID
     * @param typeModifier the type modifier ({@code atttypmod}), -1 if none
     */
    public record Column(boolean key, String name, int typeOid, int typeModifier) {
        /**
         * Validates that the name is not null.
         *
         * @param key see {@link #key()}
         * @param name see {@link #name()}
         * @param typeOid see {@link #typeOid()}
         * @param typeModifier see {@link #typeModifier()}
         */
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }
}
