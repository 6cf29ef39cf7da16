package com.waltalk.relay.replication.pgoutput;

import java.util.Objects;

/**
 * {@code 'Y'}: describes a non built-in data type (OID outside the catalog range, e.g. an enum
 * or domain) used by a column of a relation that is about to be described.
 *
 * @param oid type OID (an unsigned 32-bit value held in an int)
 * @param namespace schema name; empty string means {@code pg_catalog}
 * @param name type name
 */
public record Type(int oid, String namespace, String name) implements PgOutputMessage {
    /**
     * Validates that the names are not null.
     *
     * @param oid see {@link #oid()}
     * @param namespace see {@link #namespace()}
     * @param name see {@link #name()}
     */
    public Type {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }
}
