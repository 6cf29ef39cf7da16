package com.waltalk.protocol.control;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** Generators of valid control messages and of JSON-like noise. */
final class ControlArbitraries {

    private static final String[] TYPES = {
        "hello", "welcome", "error", "ping", "pong", "register", "sign_in", "sign_out",
        "call_start", "call_accept", "call_decline", "call_hangup", "chat_send", "media_state",
        "signed_in", "contacts", "contact", "contact_action", "presence", "call", "call_history", "chat", "chat_history",
    };

    private static final String[] KEYS = {
        "protocol", "user", "client", "relayId", "serverTimeMicros", "registrationOpen", "code",
        "message", "fatal", "retryAfterMs", "id", "videoOn", "audioOn", "password", "token",
        "to", "callId", "body", "clientMsgId", "tokenExpiresAtMicros", "contacts", "relation", "action", "last", "invite", "status",
        "caller", "callee", "state", "createdAtMicros", "answeredAtMicros", "endedAtMicros",
        "endedBy", "callerMedia", "calleeMedia", "calls", "from", "sentAtMicros", "messages",
    };

    private static final String[] JSON_TOKENS = {
        "{", "}", "[", "]", ":", ",", "\"", "\\", " ", "\n",
        "\"type\"", "\"hello\"", "\"welcome\"", "\"error\"", "\"ping\"", "\"pong\"",
        "\"media_state\"", "\"sign_in\"", "\"call\"", "\"call_history\"", "\"chat\"",
        "\"contacts\"", "\"contact_action\"", "\"protocol\"", "\"user\"", "\"client\"", "\"id\"", "\"code\"",
        "\"message\"", "\"fatal\"", "\"videoOn\"", "\"audioOn\"", "\"relayId\"",
        "\"serverTimeMicros\"", "\"token\"", "\"password\"", "\"callId\"", "\"body\"",
        "\"users\"", "\"status\"", "\"online\"", "\"calls\"", "\"callerMedia\"", "\"state\"",
        "\"ringing\"", "\"messages\"", "\"retryAfterMs\"",
        "\"alice\"", "\"\"", "0", "1", "-1", "01", "1.5", "-0", "1e999",
        "-1e-999", "9223372036854775808", "12345678901234567890123456789012345678901234567890",
        "true", "false", "null", "NaN", "\\u", "\\uD800", "\\u0000", "\u0000", "\u0001", "é",
        "\uD83D", "\uDE00", "\uFFFF", "/*", "*/", "'",
    };

    private ControlArbitraries() {
    }

    static Arbitrary<ControlMessage> messages() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(80);
        Arbitrary<Integer> protocol = Arbitraries.integers().greaterOrEqual(1);
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        Arbitrary<Long> ids = ids();
        List<Arbitrary<? extends ControlMessage>> all = List.of(
                Combinators.combine(protocol, text.injectNull(0.3)).as(Hello::new),
                Combinators.combine(protocol, text, Arbitraries.longs(), bool).as(Welcome::new),
                Combinators.combine(Arbitraries.oneOf(errorCodeWires(), text), text, bool,
                        Arbitraries.longs().greaterOrEqual(0).injectNull(0.5))
                        .as(ErrorMessage::new),
                Arbitraries.longs().map(Ping::new),
                Arbitraries.longs().map(Pong::new),
                Combinators.combine(userNames(), passwords(), invites()).as(Register::new),
                Combinators.combine(userNames(), passwords()).as(SignIn::withPassword),
                tokens().map(SignIn::withToken),
                Arbitraries.just(new SignOut()),
                userNames().map(CallStart::new),
                ids.map(CallAccept::new),
                ids.map(CallDecline::new),
                ids.map(CallHangup::new),
                Combinators.combine(userNames(), chatBodies(), clientMsgIds())
                        .as(ChatSend::new),
                Combinators.combine(ids, bool, bool).as(MediaState::new),
                Combinators.combine(userNames(), tokens(), Arbitraries.longs())
                        .as(SignedIn::new),
                Combinators.combine(contactEntries().list().ofMaxSize(4), bool).as(Contacts::new),
                Combinators.combine(userNames(), Arbitraries.of(ContactRelation.class),
                        Arbitraries.of(PresenceStatus.class)).as(ContactUpdate::new),
                Combinators.combine(userNames(), Arbitraries.of(ContactAction.Kind.class))
                        .as(ContactAction::new),
                Combinators.combine(userNames(), presenceWires()).as(Presence::new),
                callUpdates(),
                callUpdates().list().ofMaxSize(3).map(CallHistory::new),
                chats(),
                chats().list().ofMaxSize(3).map(ChatHistory::new));
        return Arbitraries.oneOf(all);
    }

    static Arbitrary<String> userNames() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("_.-")
                .ofMinLength(1).ofMaxLength(Limits.MAX_USER_NAME_BYTES);
    }

    /** Call and message ids: at least 1, often small, sometimes the extremes. */
    static Arbitrary<Long> ids() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1000),
                Arbitraries.longs().greaterOrEqual(1), Arbitraries.of(1L, Long.MAX_VALUE));
    }

    static Arbitrary<String> tokens() {
        return Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("_-")
                .ofMinLength(Limits.MIN_TOKEN_CHARS).ofMaxLength(Limits.MAX_TOKEN_CHARS);
    }

    static Arbitrary<String> passwords() {
        return text(1, 40);
    }

    static Arbitrary<String> chatBodies() {
        return text(1, 60);
    }

    static Arbitrary<String> clientMsgIds() {
        return Arbitraries.strings().withCharRange('!', '~')
                .ofMinLength(1).ofMaxLength(Limits.MAX_CLIENT_MSG_ID_CHARS).injectNull(0.3);
    }

    /**
     * Strings of {@code min..max} code points that satisfy the text rule (no control characters
     * but tab, LF, CR; no unpaired surrogates), with plenty of characters JSON must escape and
     * of supplementary code points.
     */
    static Arbitrary<String> text(int min, int max) {
        Arbitrary<String> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                Tuple.of(2, Arbitraries.chars().range('\u007f', '\ud7ff').map(String::valueOf)),
                Tuple.of(1, Arbitraries.chars().range('\ue000', '\uffff').map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("\t", "\n", "\r", "\"", "\\", "\u2028", "/")),
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)
                        .map(Character::toString)));
        return codePoint.list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
    }

    static Arbitrary<String> presenceWires() {
        return Arbitraries.of(PresenceStatus.class).map(PresenceStatus::wire);
    }

    static Arbitrary<ContactEntry> contactEntries() {
        return Combinators.combine(userNames(), Arbitraries.of(ContactRelation.class),
                Arbitraries.of(PresenceStatus.class)).as(ContactEntry::new);
    }

    static Arbitrary<String> invites() {
        return Arbitraries.strings().withChars("abcXYZ019-_").ofMinLength(1)
                .ofMaxLength(com.waltalk.protocol.Limits.MAX_INVITE_CHARS).injectNull(0.5);
    }

    static Arbitrary<CallUpdate> callUpdates() {
        Arbitrary<Long> optionalTime = Arbitraries.longs().injectNull(0.4);
        Arbitrary<MediaFlags> flags = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(MediaFlags::new);
        return Combinators.combine(ids(), userNames(), userNames(),
                Arbitraries.of(CallState.class), Arbitraries.longs(),
                optionalTime.tuple2(), userNames().injectNull(0.4), flags.tuple2())
                .as((id, caller, callee, state, created, times, endedBy, media) ->
                        new CallUpdate(id, caller, callee, state, created, times.get1(),
                                times.get2(), endedBy, media.get1(), media.get2()));
    }

    static Arbitrary<Chat> chats() {
        return Combinators.combine(ids(), userNames(), userNames(), chatBodies(),
                Arbitraries.longs(), clientMsgIds()).as(Chat::new);
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
        Arbitrary<String> types = Arbitraries.oneOf(Arbitraries.of(TYPES),
                Arbitraries.of("", "Hello", "bye"));
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.just("x"));
        Arbitrary<String> values = Arbitraries.recursive(ControlArbitraries::fieldValues,
                inner -> Arbitraries.oneOf(inner,
                        inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                        Combinators.combine(keys, inner).as(Tuple::of).list().ofMaxSize(4)
                                .uniqueElements(Tuple2::get1)
                                .map(l -> "{" + l.stream()
                                        .map(m -> "\"" + m.get1() + "\":" + m.get2())
                                        .collect(Collectors.joining(",")) + "}")),
                0, 3);
        // unique keys: duplicates are bad_json, which would hide the field checks
        Arbitrary<List<Tuple2<String, String>>> members = Combinators.combine(keys, values)
                .as(Tuple::of).list().ofMaxSize(8).uniqueElements(Tuple2::get1);
        return Combinators.combine(types, members)
                .as((type, list) -> "{\"type\":\"" + type + "\""
                        + list.stream().map(m -> ",\"" + m.get1() + "\":" + m.get2())
                                .reduce("", String::concat) + "}");
    }

    /** Scalars that are valid for some field and wrong for others. */
    static Arbitrary<String> fieldValues() {
        return Arbitraries.oneOf(
                jsonValues(),
                Arbitraries.of("1", "0", "-1", "2147483648", "1.0", "\"alice\"", "\"a b\"",
                        "\"1\"", "true", "null", "\"online\"", "\"in_call\"", "\"ringing\"",
                        "\"ended\"", "\"\"", "\"\\u0000\"", "\"\\uD800\"",
                        "\"abcdefghijklmnop\"", "{\"videoOn\":true,\"audioOn\":false}",
                        "[{\"user\":\"a\",\"status\":\"offline\"}]"),
                userNames().map(u -> "\"" + u + "\""),
                tokens().map(t -> "\"" + t + "\""));
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
