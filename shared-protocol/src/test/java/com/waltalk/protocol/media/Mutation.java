package com.waltalk.protocol.media;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random change to an encoded message. Positions are fractions of the current length, or
 * absolute indexes inside the first 40 bytes, so that header fields get hit often.
 */
sealed interface Mutation {

    byte[] apply(byte[] message);

    record SetByte(double where, boolean inHeader, byte value) implements Mutation {
        @Override
        public byte[] apply(byte[] message) {
            if (message.length == 0) {
                return message;
            }
            byte[] copy = message.clone();
            copy[index(where, inHeader, message.length)] = value;
            return copy;
        }
    }

    record Truncate(double where) implements Mutation {
        @Override
        public byte[] apply(byte[] message) {
            return Arrays.copyOf(message, (int) (where * message.length));
        }
    }

    record Append(byte[] garbage) implements Mutation {
        @Override
        public byte[] apply(byte[] message) {
            byte[] longer = Arrays.copyOf(message, message.length + garbage.length);
            System.arraycopy(garbage, 0, longer, message.length, garbage.length);
            return longer;
        }
    }

    private static int index(double where, boolean inHeader, int length) {
        return inHeader ? Math.min((int) (where * 40), length - 1) : (int) (where * length);
    }

    static Arbitrary<Mutation> any() {
        Arbitrary<Double> fraction = Arbitraries.doubles().between(0, true, 1, false)
                .withoutEdgeCases();
        Arbitrary<Byte> interesting = Arbitraries.oneOf(
                Arbitraries.of((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 0x20, (byte) 0x21,
                        (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xD8),
                Arbitraries.bytes());
        return Arbitraries.oneOf(
                Combinators.combine(fraction, Arbitraries.of(true, false), interesting)
                        .as(SetByte::new),
                fraction.map(Truncate::new),
                MediaArbitraries.randomBytes(1, 300).map(Append::new));
    }

    static byte[] applyAll(List<Mutation> mutations, byte[] message) {
        byte[] result = message;
        for (Mutation m : mutations) {
            result = m.apply(result);
        }
        return result;
    }
}
