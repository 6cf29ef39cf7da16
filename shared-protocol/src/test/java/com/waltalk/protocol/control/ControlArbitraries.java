package com.waltalk.protocol.control;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid control messages and of JSON-like noise. */
final class ControlArbitraries {

    private static final String[] JSON_TOKENS = {
        "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n",
        "\"type\"", "\"hello\"", "\"welcome\"", "\"error\"", "\"ping\"", "\"pong\"",
        "\"media_state\"", "\"protocol\"", "\"user\"", "\"client\"", "\"id\"", "\"code\"",
        "\"message\"", "\"fatal\"", "\"videoOn\"", "\"audioOn\"", "\"relayId\"",
        "\"serverTimeMicros\"", "\"alice\"", "\"\"", "0", "1", "-1", "01", "1.5", "-0", "1e999",
        "-1e-999", "9223372036854775808", "12345678901234567890123456789012345678901234567890",
        "true", "false", "null", "NaN", "\\u", "\\uD800", "\\u0000", "\u0000", "\u0001", "é",
        "\uD83D", "\uDE00", "\uFFFF", "/*", "*/", "'",
    };

    private ControlArbitraries() {
    }

    static Arbitrary<ControlMessage> messages() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(80);
        Arbitrary<Integer> protocol = Arbitraries.integers().greaterOrEqual(1);
        return Arbitraries.oneOf(
                Combinators.combine(protocol, userNames(), text.injectNull(0.3)).as(Hello::new),
                Combinators.combine(protocol, userNames(), text, Arbitraries.longs())
                        .as(Welcome::new),
                Combinators.combine(Arbitraries.oneOf(errorCodeWires(), text), text,
                        Arbitraries.of(true, false)).as(ErrorMessage::new),
                Arbitraries.longs().map(Ping::new),
                Arbitraries.longs().map(Pong::new),
                Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as(MediaState::new));
    }

    static Arbitrary<String> userNames() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("_.-")
                .ofMinLength(1).ofMaxLength(Limits.MAX_USER_NAME_BYTES);
    }

    /** Token soup that is often almost JSON, reaching deeper parser and mapper states. */
    static Arbitrary<String> jsonLikeStrings() {
        return Arbitraries.of(JSON_TOKENS).list().ofMaxSize(60).map(t -> String.join("", t));
    }

    /**
     * Well-formed JSON objects whose keys are (mostly) real field names and whose values are of
     * random JSON types, to exercise the per-field type checks rather than the parser.
     */
    static Arbitrary<String> randomObjects() {
        Arbitrary<String> types = Arbitraries.oneOf(
                Arbitraries.of("hello", "welcome", "error", "ping", "pong", "media_state"),
                Arbitraries.of("", "Hello", "bye"));
        Arbitrary<String> keys = Arbitraries.of("protocol", "user", "client", "relayId",
                "serverTimeMicros", "code", "message", "fatal", "id", "videoOn", "audioOn", "x");
        Arbitrary<String> values = Arbitraries.oneOf(
                jsonValues(),
                Arbitraries.of("1", "0", "-1", "2147483648", "1.0", "\"alice\"", "\"a b\"",
                        "\"1\"", "true", "null"),
                userNames().map(u -> "\"" + u + "\""));
        Arbitrary<String> member = Combinators.combine(keys, values)
                .as((k, v) -> "\"" + k + "\":" + v);
        return Combinators.combine(types, member.list().ofMaxSize(6))
                .as((type, members) -> "{\"type\":\"" + type + "\""
                        + members.stream().map(m -> "," + m).reduce("", String::concat) + "}");
    }

    /** Any JSON value, nested up to a few levels, for use as an unknown property. */
    static Arbitrary<String> jsonValues() {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-1.5e3", "\"\"", "\"x\""),
                Arbitraries.longs().map(String::valueOf));
        return Arbitraries.recursive(() -> scalars,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                        inner.list().ofMaxSize(3).map(ControlArbitraries::object)),
                0, 4);
    }

    private static String object(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":")
                    .append(values.get(i));
        }
        return sb.append('}').toString();
    }

    private static Arbitrary<String> errorCodeWires() {
        return Arbitraries.of(ErrorCode.class).map(ErrorCode::wire);
    }
}
