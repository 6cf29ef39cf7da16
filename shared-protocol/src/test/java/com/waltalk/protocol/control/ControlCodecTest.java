package com.waltalk.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCodecTest {

    static final String TOKEN = "3q2-7wAAAAB_fV1kZQ5xVw";
    static final String WAVE = "\uD83D\uDC4B";  // U+1F44B WAVING HAND SIGN, two chars

    static final CallUpdate RINGING = new CallUpdate(17, "alice", "bob", CallState.RINGING,
            1_700_000_000_000_000L, null, null, null, MediaFlags.ALL_ON, MediaFlags.ALL_ON);
    static final CallUpdate ENDED = new CallUpdate(17, "alice", "bob", CallState.ENDED,
            1_700_000_000_000_000L, 1_700_000_004_000_000L, 1_700_000_064_000_000L, "bob",
            new MediaFlags(false, true), new MediaFlags(true, true));
    static final CallUpdate MISSED = new CallUpdate(16, "carol", "alice", CallState.MISSED,
            1_699_999_000_000_000L, null, 1_699_999_030_000_000L, null,
            new MediaFlags(true, true), new MediaFlags(true, true));
    static final Chat CHAT = new Chat(42, "alice", "bob", "Hi Bob! " + WAVE,
            1_700_000_100_000_000L, "c-0001");
    static final Chat REPLY = new Chat(43, "bob", "alice", "Call me?\nNow?",
            1_700_000_110_000_000L, null);

    static final String RINGING_JSON = "{\"type\":\"call\",\"callId\":17,\"caller\":\"alice\","
            + "\"callee\":\"bob\",\"state\":\"ringing\",\"createdAtMicros\":1700000000000000,"
            + "\"callerMedia\":{\"videoOn\":true,\"audioOn\":true},"
            + "\"calleeMedia\":{\"videoOn\":true,\"audioOn\":true}}";
    static final String ENDED_JSON = "{\"type\":\"call\",\"callId\":17,\"caller\":\"alice\","
            + "\"callee\":\"bob\",\"state\":\"ended\",\"createdAtMicros\":1700000000000000,"
            + "\"answeredAtMicros\":1700000004000000,\"endedAtMicros\":1700000064000000,"
            + "\"endedBy\":\"bob\",\"callerMedia\":{\"videoOn\":false,\"audioOn\":true},"
            + "\"calleeMedia\":{\"videoOn\":true,\"audioOn\":true}}";
    static final String MISSED_ELEMENT = "{\"callId\":16,\"caller\":\"carol\","
            + "\"callee\":\"alice\",\"state\":\"missed\",\"createdAtMicros\":1699999000000000,"
            + "\"endedAtMicros\":1699999030000000,"
            + "\"callerMedia\":{\"videoOn\":true,\"audioOn\":true},"
            + "\"calleeMedia\":{\"videoOn\":true,\"audioOn\":true}}";
    static final String CHAT_JSON = "{\"type\":\"chat\",\"id\":42,\"from\":\"alice\","
            + "\"to\":\"bob\",\"body\":\"Hi Bob! " + WAVE + "\","
            + "\"sentAtMicros\":1700000100000000,\"clientMsgId\":\"c-0001\"}";
    static final String REPLY_ELEMENT = "{\"id\":43,\"from\":\"bob\",\"to\":\"alice\","
            + "\"body\":\"Call me?\\nNow?\",\"sentAtMicros\":1700000110000000}";

    /** Every message type with its exact wire form: compact, {@code type} first. */
    static Stream<Arguments> goldenMessages() {
        return Stream.of(
                Arguments.of(new Hello(1, "WalTalk-desktop/0.1"),
                        "{\"type\":\"hello\",\"protocol\":1,\"client\":\"WalTalk-desktop/0.1\"}"),
                Arguments.of(new Hello(1, null), "{\"type\":\"hello\",\"protocol\":1}"),
                Arguments.of(new Welcome(1, "relay-1", 1_700_000_000_123_456L, true),
                        "{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"relay-1\","
                                + "\"serverTimeMicros\":1700000000123456,"
                                + "\"registrationOpen\":true}"),
                Arguments.of(new Welcome(1, "relay-1", 1_700_000_000_123_456L, true, true),
                        "{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"relay-1\","
                                + "\"serverTimeMicros\":1700000000123456,"
                                + "\"registrationOpen\":true,\"inviteRequired\":true}"),
                Arguments.of(ErrorMessage.of(ErrorCode.BAD_FIELD, "width 0", false),
                        "{\"type\":\"error\",\"code\":\"bad_field\",\"message\":\"width 0\","
                                + "\"fatal\":false}"),
                Arguments.of(ErrorMessage.of(ErrorCode.RATE_LIMITED, "too many chat messages",
                                false, 1500),
                        "{\"type\":\"error\",\"code\":\"rate_limited\","
                                + "\"message\":\"too many chat messages\",\"fatal\":false,"
                                + "\"retryAfterMs\":1500}"),
                Arguments.of(new Ping(Long.MIN_VALUE),
                        "{\"type\":\"ping\",\"id\":-9223372036854775808}"),
                Arguments.of(new Pong(Long.MAX_VALUE),
                        "{\"type\":\"pong\",\"id\":9223372036854775807}"),
                Arguments.of(new Register("alice", "correct horse battery staple"),
                        "{\"type\":\"register\",\"user\":\"alice\","
                                + "\"password\":\"correct horse battery staple\"}"),
                Arguments.of(SignIn.withPassword("alice", "correct horse battery staple"),
                        "{\"type\":\"sign_in\",\"user\":\"alice\","
                                + "\"password\":\"correct horse battery staple\"}"),
                Arguments.of(SignIn.withToken(TOKEN),
                        "{\"type\":\"sign_in\",\"token\":\"" + TOKEN + "\"}"),
                Arguments.of(new SignOut(), "{\"type\":\"sign_out\"}"),
                Arguments.of(new CallStart("bob"), "{\"type\":\"call_start\",\"to\":\"bob\"}"),
                Arguments.of(new CallAccept(17), "{\"type\":\"call_accept\",\"callId\":17}"),
                Arguments.of(new CallDecline(17), "{\"type\":\"call_decline\",\"callId\":17}"),
                Arguments.of(new CallHangup(17), "{\"type\":\"call_hangup\",\"callId\":17}"),
                Arguments.of(new ChatSend("bob", "Hi Bob! " + WAVE, "c-0001"),
                        "{\"type\":\"chat_send\",\"to\":\"bob\",\"body\":\"Hi Bob! " + WAVE
                                + "\",\"clientMsgId\":\"c-0001\"}"),
                Arguments.of(new ChatSend("bob", "line 1\n\t\"line\" 2", null),
                        "{\"type\":\"chat_send\",\"to\":\"bob\","
                                + "\"body\":\"line 1\\n\\t\\\"line\\\" 2\"}"),
                Arguments.of(new MediaState(17, true, false),
                        "{\"type\":\"media_state\",\"callId\":17,\"videoOn\":true,"
                                + "\"audioOn\":false}"),
                Arguments.of(new SignedIn("alice", TOKEN, 1_702_592_000_000_000L),
                        "{\"type\":\"signed_in\",\"user\":\"alice\",\"token\":\"" + TOKEN
                                + "\",\"tokenExpiresAtMicros\":1702592000000000}"),
                Arguments.of(new Contacts(List.of(
                                new ContactEntry("bob", ContactRelation.CONTACT, PresenceStatus.ONLINE),
                                new ContactEntry("carol", ContactRelation.INCOMING, PresenceStatus.OFFLINE),
                                new ContactEntry("dave", ContactRelation.BLOCKED, PresenceStatus.OFFLINE)), true),
                        "{\"type\":\"contacts\",\"contacts\":["
                                + "{\"user\":\"bob\",\"relation\":\"contact\",\"status\":\"online\"},"
                                + "{\"user\":\"carol\",\"relation\":\"incoming\",\"status\":\"offline\"},"
                                + "{\"user\":\"dave\",\"relation\":\"blocked\",\"status\":\"offline\"}],"
                                + "\"last\":true}"),
                Arguments.of(new Contacts(List.of(), false),
                        "{\"type\":\"contacts\",\"contacts\":[],\"last\":false}"),
                Arguments.of(new ContactUpdate("bob", ContactRelation.NONE, PresenceStatus.OFFLINE),
                        "{\"type\":\"contact\",\"user\":\"bob\",\"relation\":\"none\",\"status\":\"offline\"}"),
                Arguments.of(new ContactAction("bob", ContactAction.Kind.REQUEST),
                        "{\"type\":\"contact_action\",\"user\":\"bob\",\"action\":\"request\"}"),
                Arguments.of(new Register("bob", "pw", "INV-123_x"),
                        "{\"type\":\"register\",\"user\":\"bob\",\"password\":\"pw\",\"invite\":\"INV-123_x\"}"),
                Arguments.of(Presence.of("bob", PresenceStatus.IN_CALL),
                        "{\"type\":\"presence\",\"user\":\"bob\",\"status\":\"in_call\"}"),
                Arguments.of(RINGING, RINGING_JSON),
                Arguments.of(ENDED, ENDED_JSON),
                Arguments.of(new CallHistory(List.of(MISSED, ENDED)),
                        "{\"type\":\"call_history\",\"calls\":[" + MISSED_ELEMENT + ","
                                + ENDED_JSON.replace("\"type\":\"call\",", "") + "]}"),
                Arguments.of(new CallHistory(List.of()),
                        "{\"type\":\"call_history\",\"calls\":[]}"),
                Arguments.of(CHAT, CHAT_JSON),
                Arguments.of(new ChatHistory(List.of(CHAT, REPLY)),
                        "{\"type\":\"chat_history\",\"messages\":["
                                + CHAT_JSON.replace("\"type\":\"chat\",", "") + ","
                                + REPLY_ELEMENT + "]}"),
                Arguments.of(new ChatHistory(List.of()),
                        "{\"type\":\"chat_history\",\"messages\":[]}"));
    }

    @ParameterizedTest
    @MethodSource("goldenMessages")
    void encodesToTheDocumentedForm(ControlMessage message, String json) {
        assertThat(ControlCodec.encode(message)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("goldenMessages")
    void decodesTheDocumentedForm(ControlMessage message, String json) throws ProtocolException {
        assertThat(ControlCodec.decode(json)).isEqualTo(message);
    }

    @Test
    void goldenMessagesCoverEveryType() {
        Set<Class<?>> covered = goldenMessages().map(a -> a.get()[0].getClass())
                .collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrder(
                ControlMessage.class.getPermittedSubclasses());
    }

    @Test
    void ignoresUnknownFieldsAndWhitespace() throws ProtocolException {
        String json = " {\n \"id\" : 7, \"extra\": {\"a\": [1, 2.5, null]}, \"type\": \"ping\" }\t";

        assertThat(ControlCodec.decode(json)).isEqualTo(new Ping(7));
    }

    @Test
    void ignoresUnknownFieldsInListElementsAndNestedObjects() throws ProtocolException {
        String json = "{\"type\":\"call_history\",\"calls\":[" + RINGING_JSON.replace(
                "\"callerMedia\":{", "\"callerMedia\":{\"x\":[1],") + "]}";

        assertThat(ControlCodec.decode(json)).isEqualTo(new CallHistory(List.of(RINGING)));
    }

    @Test
    void helloClientMayBeNull() throws ProtocolException {
        assertThat(ControlCodec.decode("{\"type\":\"hello\",\"protocol\":1,\"client\":null}"))
                .isEqualTo(new Hello(1, null));
    }

    @Test
    void helloIgnoresAUserField() throws ProtocolException {
        // hello carried the user name in earlier drafts; now an unknown property
        assertThat(ControlCodec.decode("{\"type\":\"hello\",\"protocol\":1,\"user\":\"a b\"}"))
                .isEqualTo(new Hello(1, null));
    }

    @Test
    void helloAcceptsFutureProtocolVersions() throws ProtocolException {
        String json = "{\"type\":\"hello\",\"protocol\":2147483647}";

        assertThat(ControlCodec.decode(json)).isEqualTo(new Hello(Integer.MAX_VALUE, null));
    }

    @Test
    void optionalPropertiesMayBeNull() throws ProtocolException {
        assertThat(ControlCodec.decode("{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\","
                + "\"fatal\":true,\"retryAfterMs\":null}"))
                .isEqualTo(new ErrorMessage("c", "m", true));
        assertThat(ControlCodec.decode("{\"type\":\"sign_in\",\"user\":null,\"password\":null,"
                + "\"token\":\"" + TOKEN + "\"}")).isEqualTo(SignIn.withToken(TOKEN));
        assertThat(ControlCodec.decode("{\"type\":\"sign_in\",\"user\":\"a\","
                + "\"password\":\"p\",\"token\":null}"))
                .isEqualTo(SignIn.withPassword("a", "p"));
        assertThat(ControlCodec.decode("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"x\","
                + "\"clientMsgId\":null}")).isEqualTo(new ChatSend("b", "x", null));
        assertThat(ControlCodec.decode(RINGING_JSON.replace("\"createdAtMicros\":1700000000000000",
                "\"createdAtMicros\":1700000000000000,\"answeredAtMicros\":null,"
                        + "\"endedAtMicros\":null,\"endedBy\":null"))).isEqualTo(RINGING);
    }

    @Test
    void errorRetryAfterMsMayBeZero() throws ProtocolException {
        assertThat(ControlCodec.decode("{\"type\":\"error\",\"code\":\"throttled\","
                + "\"message\":\"m\",\"fatal\":false,\"retryAfterMs\":0}"))
                .isEqualTo(ErrorMessage.of(ErrorCode.THROTTLED, "m", false, 0));
    }

    @Test
    void tokensOfTheLimitLengthsAreAccepted() throws ProtocolException {
        for (String token : List.of("a".repeat(Limits.MIN_TOKEN_CHARS),
                "Z_-9".repeat(Limits.MAX_TOKEN_CHARS / 4))) {
            assertThat(ControlCodec.decode("{\"type\":\"sign_in\",\"token\":\"" + token + "\"}"))
                    .isEqualTo(SignIn.withToken(token));
            assertThat(ControlCodec.decode("{\"type\":\"signed_in\",\"user\":\"a\",\"token\":\""
                    + token + "\",\"tokenExpiresAtMicros\":0}"))
                    .isEqualTo(new SignedIn("a", token, 0));
        }
    }

    @Test
    void passwordsCountCodePoints() throws ProtocolException {
        String password = WAVE.repeat(Limits.MAX_PASSWORD_CHARS);  // 400 chars, 200 code points

        assertThat(ControlCodec.decode(ControlCodec.encode(new Register("a", password))))
                .isEqualTo(new Register("a", password));
        assertThat(ControlCodec.decode("{\"type\":\"register\",\"user\":\"a\","
                + "\"password\":\" \"}")).isEqualTo(new Register("a", " "));
    }

    @Test
    void chatBodyOfTheLimitInCodePointsIsAccepted() throws ProtocolException {
        String body = WAVE.repeat(Limits.MAX_CHAT_CHARS);  // 8000 chars, 4000 code points

        assertThat(ControlCodec.decode(ControlCodec.encode(new ChatSend("b", body, null))))
                .isEqualTo(new ChatSend("b", body, null));
    }

    @Test
    void chatBodyAllowsTabLineFeedCarriageReturnAndOtherCharacters() throws ProtocolException {
        String body = "a\tb\r\nc \u007f \u0085 \u2028 \uFFFF \uDBFF\uDFFF é";

        assertThat(ControlCodec.decode(ControlCodec.encode(new ChatSend("b", body, "id"))))
                .isEqualTo(new ChatSend("b", body, "id"));
    }

    @Test
    void clientMsgIdAcceptsPrintableAsciiUpToTheLimit() throws ProtocolException {
        String printable = chars('!', '~');
        String id = printable.substring(0, Limits.MAX_CLIENT_MSG_ID_CHARS);
        String rest = printable.substring(Limits.MAX_CLIENT_MSG_ID_CHARS);

        for (String clientMsgId : List.of(id, rest, "x")) {
            ChatSend message = new ChatSend("b", "x", clientMsgId);
            assertThat(ControlCodec.decode(ControlCodec.encode(message))).isEqualTo(message);
        }
    }

    /** The text rules keep every valid chat_send within what the relay accepts. */
    @Test
    void largestPossibleChatSendFitsTheClientLimit() throws ProtocolException {
        // 4 UTF-8 bytes per code point is the most a body can take (escapes take 2 or 6, but the
        // characters escaped as 6 are not allowed); '"' is escaped as 2 bytes
        ChatSend largest = new ChatSend("u".repeat(Limits.MAX_USER_NAME_BYTES),
                WAVE.repeat(Limits.MAX_CHAT_CHARS), "\"".repeat(Limits.MAX_CLIENT_MSG_ID_CHARS));

        String json = ControlCodec.encode(largest, Limits.MAX_CONTROL_BYTES);

        assertThat(ControlCodec.utf8Length(json)).isLessThanOrEqualTo(Limits.MAX_CONTROL_BYTES);
        assertThat(ControlCodec.decode(json)).isEqualTo(largest);
    }

    @Test
    void escapesAndNonAsciiTextRoundTrip() throws ProtocolException {
        ErrorMessage message = new ErrorMessage("x", "quote \" backslash \\ nl \n é \uD83D\uDE00",
                true);

        assertThat(ControlCodec.decode(ControlCodec.encode(message))).isEqualTo(message);
    }

    @Test
    void acceptsMessageOfExactlyTheLimit() throws ProtocolException {
        String prefix = "{\"type\":\"ping\",\"id\":1,\"pad\":\"";
        String suffix = "\"}";
        String json = prefix + "x".repeat(Limits.MAX_CONTROL_BYTES - prefix.length()
                - suffix.length()) + suffix;

        assertThat(json).hasSize(Limits.MAX_CONTROL_BYTES);
        assertThat(ControlCodec.decode(json)).isEqualTo(new Ping(1));
    }

    @Test
    void decodeWithALimitAcceptsExactlyThatMany() throws ProtocolException {
        String json = "{\"type\":\"ping\",\"id\":1}";

        assertThat(ControlCodec.decode(json, json.length())).isEqualTo(new Ping(1));
        assertThatThrownBy(() -> ControlCodec.decode(json, json.length() - 1))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThatIllegalArgumentException().isThrownBy(() -> ControlCodec.decode(json, 0));
    }

    /** History can exceed the client→relay limit; clients decode it with the server limit. */
    @Test
    void largeHistoryNeedsTheServerLimit() throws ProtocolException {
        List<Chat> messages = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            messages.add(new Chat(i, "alice", "bob", "é".repeat(Limits.MAX_CHAT_CHARS),
                    i, "m" + i));
        }
        ChatHistory history = new ChatHistory(messages);

        String json = ControlCodec.encode(history);

        assertThat(ControlCodec.utf8Length(json)).isBetween(Limits.MAX_CONTROL_BYTES + 1,
                Limits.MAX_SERVER_CONTROL_BYTES);
        assertThat(ControlCodec.decode(json, Limits.MAX_SERVER_CONTROL_BYTES)).isEqualTo(history);
        assertThatThrownBy(() -> ControlCodec.decode(json))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ControlCodec.encode(history, Limits.MAX_CONTROL_BYTES));
    }

    @Test
    void listsOfTheLimitLengthRoundTrip() throws ProtocolException {
        List<ContactEntry> users = Collections.nCopies(Limits.MAX_LIST_ELEMENTS,
                new ContactEntry("someone_with_a_long_name_32chars", ContactRelation.CONTACT,
                        PresenceStatus.IN_CALL));
        List<CallUpdate> calls = Collections.nCopies(Limits.MAX_LIST_ELEMENTS, ENDED);

        for (ControlMessage message : List.of(new Contacts(users, false), new CallHistory(calls))) {
            assertThat(ControlCodec.decode(ControlCodec.encode(message),
                    Limits.MAX_SERVER_CONTROL_BYTES)).isEqualTo(message);
        }
    }

    @Test
    void encodeRefusesMessagesOverTheServerLimit() {
        ErrorMessage huge = new ErrorMessage("internal",
                "é".repeat(Limits.MAX_SERVER_CONTROL_BYTES / 2), false);
        ErrorMessage justFits = new ErrorMessage("internal",
                "x".repeat(Limits.MAX_SERVER_CONTROL_BYTES - 100), false);

        assertThatIllegalArgumentException().isThrownBy(() -> ControlCodec.encode(huge));
        assertThat(ControlCodec.encode(justFits)).hasSizeGreaterThan(Limits.MAX_CONTROL_BYTES);
    }

    @Test
    void errorMessageMapsKnownAndUnknownCodes() {
        assertThat(ErrorMessage.of(ErrorCode.OVERLOADED, "busy", false).errorCode())
                .contains(ErrorCode.OVERLOADED);
        assertThat(new ErrorMessage("from_the_future", "?", false).errorCode()).isEmpty();
        assertThat(ErrorMessage.of(ErrorCode.THROTTLED, "wait", false, 250).retryAfterMs())
                .isEqualTo(250L);
        assertThat(ErrorMessage.of(ErrorCode.THROTTLED, "wait", false).retryAfterMs()).isNull();
    }

    @Test
    void enumAccessorsMapTheWireStrings() {
        assertThat(Presence.of("a", PresenceStatus.IN_CALL).presenceStatus())
                .isEqualTo(PresenceStatus.IN_CALL);
        assertThat(ContactRelation.fromWire("incoming")).contains(ContactRelation.INCOMING);
        assertThat(ContactAction.Kind.fromWire("block")).contains(ContactAction.Kind.BLOCK);
        assertThat(ContactAction.Kind.fromWire("Block")).isEmpty();
    }

    @Test
    void presenceStatusWireStringsArePinned() {
        assertThat(Arrays.stream(PresenceStatus.values()).map(PresenceStatus::wire))
                .containsExactly("online", "in_call", "offline");
        for (PresenceStatus status : PresenceStatus.values()) {
            assertThat(PresenceStatus.fromWire(status.wire())).contains(status);
        }
        assertThat(PresenceStatus.fromWire("ONLINE")).isEmpty();
        assertThat(PresenceStatus.fromWire("away")).isEmpty();
        assertThat(PresenceStatus.fromWire(null)).isEmpty();
    }

    @Test
    void callStateWireStringsAndFinalityArePinned() {
        assertThat(Arrays.stream(CallState.values()).map(CallState::wire)).containsExactly(
                "ringing", "accepted", "ended", "declined", "cancelled", "missed", "busy");
        assertThat(Arrays.stream(CallState.values()).filter(s -> !s.isFinal()))
                .containsExactly(CallState.RINGING, CallState.ACCEPTED);
        for (CallState state : CallState.values()) {
            assertThat(CallState.fromWire(state.wire())).contains(state);
        }
        assertThat(CallState.fromWire("RINGING")).isEmpty();
        assertThat(CallState.fromWire("canceled")).isEmpty();
        assertThat(CallState.fromWire(null)).isEmpty();
    }

    @Test
    void recordsRejectProgrammerErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(0, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Welcome(0, "r", 0, true));
        assertThatNullPointerException().isThrownBy(() -> new Welcome(1, null, 0, true));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ErrorMessage.of(ErrorCode.THROTTLED, "m", false, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Register("a b", "p"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Register("a", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new Register("a", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignIn(null, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignIn("a", null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignIn("a", "p", TOKEN));
        assertThatIllegalArgumentException().isThrownBy(() -> SignIn.withToken("short"));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallStart(""));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallAccept(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallDecline(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallHangup(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new MediaState(0, true, true));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChatSend("b", "", null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChatSend("b", "x".repeat(Limits.MAX_CHAT_CHARS + 1), null));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChatSend("b", "\u0000", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new ChatSend("b", "x", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignedIn("a", "x", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Presence("a", "away"));
        assertThatIllegalArgumentException().isThrownBy(() -> new ContactEntry("",
                ContactRelation.CONTACT, PresenceStatus.ONLINE));
        assertThatIllegalArgumentException().isThrownBy(() -> new Register("a", "p", "bad code"));
        assertThatNullPointerException().isThrownBy(() -> new ContactAction("a", null));
        assertThatNullPointerException().isThrownBy(() -> new CallUpdate(1, "a", "b",
                null, 0, null, null, null, MediaFlags.ALL_ON, MediaFlags.ALL_ON));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallUpdate(1, "a", "b",
                CallState.ENDED, 0, null, 1L, "a b", MediaFlags.ALL_ON, MediaFlags.ALL_ON));
        assertThatNullPointerException().isThrownBy(() -> new CallUpdate(1, "a", "b",
                CallState.RINGING, 0, null, null, null, null, MediaFlags.ALL_ON));
        assertThatIllegalArgumentException().isThrownBy(() -> new Chat(0, "a", "b", "x", 0,
                null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Contacts(Collections.nCopies(
                Limits.MAX_LIST_ELEMENTS + 1, new ContactEntry("a", ContactRelation.CONTACT,
                        PresenceStatus.ONLINE)), true));
        assertThatNullPointerException()
                .isThrownBy(() -> new Contacts(Arrays.asList((ContactEntry) null), true));
        assertThatNullPointerException().isThrownBy(() -> new ChatHistory(null));
    }

    @Test
    void listRecordsCopyTheirList() {
        List<CallUpdate> calls = new ArrayList<>(List.of(RINGING));
        CallHistory history = new CallHistory(calls);
        calls.add(ENDED);

        assertThat(history.calls()).containsExactly(RINGING);
        assertThatThrownBy(() -> history.calls().add(ENDED))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void secretsAreNotInToString() {
        assertThat(new Register("alice", "hunter2hunter2").toString())
                .contains("alice").doesNotContain("hunter2");
        assertThat(SignIn.withPassword("alice", "hunter2hunter2").toString())
                .contains("alice").doesNotContain("hunter2");
        assertThat(SignIn.withToken(TOKEN).toString()).doesNotContain(TOKEN);
        assertThat(new SignedIn("alice", TOKEN, 5).toString())
                .contains("alice").doesNotContain(TOKEN);
    }

    @Test
    void everyRecordHasItsOwnType() {
        Map<MessageType, ControlMessage> byType = new EnumMap<>(MessageType.class);
        for (ControlMessage m : List.of(new Hello(1, null), new Welcome(1, "r", 0, false),
                new ErrorMessage("c", "m", false), new Ping(0), new Pong(0), new Register("a", "p"),
                SignIn.withToken(TOKEN), new SignOut(), new CallStart("b"), new CallAccept(1),
                new CallDecline(1), new CallHangup(1), new ChatSend("b", "x", null),
                new MediaState(1, false, false), new SignedIn("a", TOKEN, 0),
                new Contacts(List.of(), true),
                new ContactUpdate("a", ContactRelation.NONE, PresenceStatus.OFFLINE),
                new ContactAction("a", ContactAction.Kind.REMOVE),
                Presence.of("a", PresenceStatus.ONLINE), RINGING,
                new CallHistory(List.of()), CHAT, new ChatHistory(List.of()))) {
            assertThat(byType.put(m.type(), m)).as("two records of type %s", m.type()).isNull();
        }
        assertThat(byType.keySet()).containsExactlyInAnyOrder(MessageType.values());
        assertThat(ControlMessage.class.getPermittedSubclasses()).hasSize(MessageType.values().length);
        assertThat(new Hello(1, null).type()).isEqualTo(MessageType.HELLO);
        assertThat(RINGING.type()).isEqualTo(MessageType.CALL);
        assertThat(CHAT.type()).isEqualTo(MessageType.CHAT);
    }

    @Test
    void utf8LengthCountsBytes() {
        assertThat(ControlCodec.utf8Length("a")).isEqualTo(1);
        assertThat(ControlCodec.utf8Length("é")).isEqualTo(2);
        assertThat(ControlCodec.utf8Length("€")).isEqualTo(3);
        assertThat(ControlCodec.utf8Length("\uD83D\uDE00")).isEqualTo(4);
        assertThat(ControlCodec.utf8Length("\uD83D")).isEqualTo(3);
    }

    /** The characters {@code first..last}, in order. */
    private static String chars(char first, char last) {
        StringBuilder sb = new StringBuilder();
        for (char c = first; c <= last; c++) {
            sb.append(c);
        }
        return sb.toString();
    }
}
