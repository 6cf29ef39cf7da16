package com.waltalk.relay.replication.pgoutput;

/** How one column of a {@link TupleData} was sent. */
public enum ColumnFormat {
    /** {@code 'n'}: SQL NULL (also used for non-key columns of a 'K' old tuple). */
    NULL('n'),
    /** {@code 'u'}: an unchanged TOASTed value; its value is not sent. */
    UNCHANGED_TOAST('u'),
    /** {@code 't'}: the type's text output representation (UTF-8). */
    TEXT('t'),
    /** {@code 'b'}: the type's binary send representation ({@code binary 'true'} only). */
    BINARY('b');

    private final char code;

    ColumnFormat(char code) {
        this.code = code;
    }

    /** @return the protocol byte for this format ({@code 'n'}, {@code 'u'}, {@code 't'} or {@code 'b'}) */
    public char code() {
        return code;
    }
}
