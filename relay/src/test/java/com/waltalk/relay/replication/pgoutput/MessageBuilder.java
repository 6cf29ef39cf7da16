package com.waltalk.relay.replication.pgoutput;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writes synthetic pgoutput messages, big-endian, for tests. */
final class MessageBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static MessageBuilder type(char type) {
        return new MessageBuilder().u8(type);
    }

    MessageBuilder u8(int v) {
        out.write(v);
        return this;
    }

    MessageBuilder i16(int v) {
        return u8(v >>> 8).u8(v);
    }

    MessageBuilder i32(int v) {
        return i16(v >>> 16).i16(v);
    }

    MessageBuilder i64(long v) {
        return i32((int) (v >>> 32)).i32((int) v);
    }

    MessageBuilder str(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    MessageBuilder bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A tuple column with a value: kind 't' or 'b', int32 length, bytes. */
    MessageBuilder col(char kind, byte[] value) {
        return u8(kind).i32(value.length).bytes(value);
    }

    MessageBuilder col(char kind, String value) {
        return col(kind, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A Relation message; columns given as name/typeOid pairs, the first one is the key. */
    static MessageBuilder relation(int oid, String ns, String name, Object... nameOidPairs) {
        MessageBuilder b = type('R').i32(oid).str(ns).str(name).u8('d').i16(nameOidPairs.length / 2);
        for (int i = 0; i < nameOidPairs.length; i += 2) {
            b.u8(i == 0 ? 1 : 0).str((String) nameOidPairs[i]).i32((Integer) nameOidPairs[i + 1]).i32(-1);
        }
        return b;
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(toArray());
    }
}
