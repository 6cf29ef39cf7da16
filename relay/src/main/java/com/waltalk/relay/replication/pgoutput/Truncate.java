package com.waltalk.relay.replication.pgoutput;

import java.util.List;

/**
 * {@code 'T'}: one {@code TRUNCATE} statement affecting one or more published relations (only
 * when the publication publishes {@code truncate}).
 *
 * @param relations the truncated relations (immutable)
 * @param options bit 1 = {@code CASCADE}, bit 2 = {@code RESTART IDENTITY}
 */
public record Truncate(List<Relation> relations, int options) implements PgOutputMessage {

    /** Option bit set when {@code TRUNCATE ... CASCADE} was used. */
    public static final int OPTION_CASCADE = 1;
    /** Option bit set when {@code TRUNCATE ... RESTART IDENTITY} was used. */
    public static final int OPTION_RESTART_IDENTITY = 2;

    /**
     * Makes {@code relations} an immutable copy.
     *
     * @param relations see {@link #relations()}
     * @param options see {@link #options()}
     */
    public Truncate {
        relations = List.copyOf(relations);
    }

    /** @return whether {@code CASCADE} was specified */
    public boolean cascade() {
        return (options & OPTION_CASCADE) != 0;
    }

    /** @return whether {@code RESTART IDENTITY} was specified */
    public boolean restartIdentity() {
        return (options & OPTION_RESTART_IDENTITY) != 0;
    }
}
