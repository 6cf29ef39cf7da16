package com.waltalk.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per decoder rejection path, each asserting its specific error code. */
class ControlCodecRejectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = ControlCodecTest.TOKEN;
    private static final String RINGING_ELEMENT =
            ControlCodecTest.RINGING_JSON.replace("\"type\":\"call\",", "");

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "}", "{\"type\":\"ping\",\"id\":1", "nul",
        "{'type':'ping','id':1}", "{type:\"ping\",\"id\":1}", "{\"type\":\"ping\",\"id\":01}",
        "{\"type\":\"ping\",\"id\":NaN}", "{\"type\":\"ping\",/*c*/\"id\":1}",
        "{\"type\":\"ping\",\"id\":1,}", "{\"type\":\"ping\",\"id\":1} {}",
        "{\"type\":\"ping\",\"id\":1} x", "\"type\":\"ping\"", "{\"type\":\"pi\u0001ng\"}"})
    void malformedJsonIsBadJson(String json) {
        assertRejected(json, ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"type\":\"ping\",\"id\":1}]", "\"ping\"", "42", "true",
        "null"})
    void nonObjectIsBadJson(String json) {
        assertRejected(json, ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"id\":1}", "{\"type\":null,\"id\":1}",
        "{\"type\":1,\"id\":1}", "{\"type\":[\"ping\"],\"id\":1}", "{\"Type\":\"ping\",\"id\":1}"})
    void missingOrNonStringTypeIsBadJson(String json) {
        assertRejected(json, ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bye", "Ping", "PING", "ping ", "mediaState", "signIn", "sign-in",
        "calls", "Chat", "logout"})
    void unknownTypeIsUnknownType(String type) {
        assertRejected("{\"type\":\"" + type + "\",\"id\":1}", ErrorCode.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"hello\"}                                                   | protocol",
        "{\"type\":\"welcome\",\"relayId\":\"r\",\"serverTimeMicros\":1,\"registrationOpen\":true} | protocol",
        "{\"type\":\"welcome\",\"protocol\":1,\"serverTimeMicros\":1,\"registrationOpen\":true} | relayId",
        "{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"r\",\"registrationOpen\":true} | serverTimeMicros",
        "{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"r\",\"serverTimeMicros\":1} | registrationOpen",
        "{\"type\":\"error\",\"message\":\"m\",\"fatal\":true}               | code",
        "{\"type\":\"error\",\"code\":\"c\",\"fatal\":true}                  | message",
        "{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\"}               | fatal",
        "{\"type\":\"ping\"}                                                 | id",
        "{\"type\":\"pong\"}                                                 | id",
        "{\"type\":\"register\",\"password\":\"p\"}                          | user",
        "{\"type\":\"register\",\"user\":\"a\"}                              | password",
        "{\"type\":\"sign_in\",\"password\":\"p\"}                           | user",
        "{\"type\":\"sign_in\",\"user\":\"a\"}                               | password",
        "{\"type\":\"sign_in\",\"user\":\"a\",\"password\":null}             | password",
        "{\"type\":\"call_start\"}                                           | to",
        "{\"type\":\"call_accept\"}                                          | callId",
        "{\"type\":\"call_decline\"}                                         | callId",
        "{\"type\":\"call_hangup\"}                                          | callId",
        "{\"type\":\"chat_send\",\"body\":\"x\"}                             | to",
        "{\"type\":\"chat_send\",\"to\":\"b\"}                               | body",
        "{\"type\":\"media_state\",\"videoOn\":true,\"audioOn\":true}          | callId",
        "{\"type\":\"media_state\",\"callId\":1,\"audioOn\":true}            | videoOn",
        "{\"type\":\"media_state\",\"callId\":1,\"videoOn\":true}            | audioOn",
        "{\"type\":\"signed_in\",\"token\":\"abcdefghijklmnop\",\"tokenExpiresAtMicros\":1} | user",
        "{\"type\":\"signed_in\",\"user\":\"a\",\"tokenExpiresAtMicros\":1}  | token",
        "{\"type\":\"signed_in\",\"user\":\"a\",\"token\":\"abcdefghijklmnop\"} | tokenExpiresAtMicros",
        "{\"type\":\"presence\",\"status\":\"online\"}                       | user",
        "{\"type\":\"presence\",\"user\":\"a\"}                              | status",
        "{\"type\":\"call_history\"}                                         | calls",
        "{\"type\":\"chat\",\"from\":\"a\",\"to\":\"b\",\"body\":\"x\",\"sentAtMicros\":1} | id",
        "{\"type\":\"chat\",\"id\":1,\"to\":\"b\",\"body\":\"x\",\"sentAtMicros\":1} | from",
        "{\"type\":\"chat\",\"id\":1,\"from\":\"a\",\"body\":\"x\",\"sentAtMicros\":1} | to",
        "{\"type\":\"chat\",\"id\":1,\"from\":\"a\",\"to\":\"b\",\"sentAtMicros\":1} | body",
        "{\"type\":\"chat\",\"id\":1,\"from\":\"a\",\"to\":\"b\",\"body\":\"x\"} | sentAtMicros",
        "{\"type\":\"chat_history\"}                                         | messages",
        "{\"type\":\"chat_history\",\"messages\":[{\"id\":1,\"from\":\"a\",\"to\":\"b\",\"sentAtMicros\":1}]} | messages[0].body"})
    void missingFieldIsBadFieldNamingIt(String json, String field) {
        assertRejected(json, ErrorCode.BAD_FIELD, "'" + field + "'");
    }

    /** Each required property of {@code call}, removed from a valid message. */
    @ParameterizedTest
    @ValueSource(strings = {"callId", "caller", "callee", "state", "createdAtMicros",
        "callerMedia", "calleeMedia"})
    void missingCallFieldIsBadFieldNamingIt(String field) throws Exception {
        assertRejected(withoutField(ControlCodecTest.RINGING_JSON, field), ErrorCode.BAD_FIELD,
                "missing field '" + field + "'");
        assertRejected("{\"type\":\"call_history\",\"calls\":["
                        + withoutField(ControlCodecTest.RINGING_JSON, field) + "]}",
                ErrorCode.BAD_FIELD, "missing field 'calls[0]." + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"videoOn", "audioOn"})
    void missingMediaFlagIsBadFieldNamingItsPath(String flag) {
        String json = ControlCodecTest.RINGING_JSON.replace(
                "\"calleeMedia\":{\"videoOn\":true,\"audioOn\":true}",
                flag.equals("videoOn") ? "\"calleeMedia\":{\"audioOn\":true}"
                        : "\"calleeMedia\":{\"videoOn\":true}");

        assertRejected(json, ErrorCode.BAD_FIELD, "'calleeMedia." + flag + "'");
        assertRejected("{\"type\":\"call_history\",\"calls\":[" + RINGING_ELEMENT + ","
                + json.replace("\"type\":\"call\",", "") + "]}", ErrorCode.BAD_FIELD,
                "'calls[1].calleeMedia." + flag + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "1.0", "1e0", "null", "true", "[1]", "{}",
        "2147483648", "-2147483649", "0", "-1"})
    void badProtocolValueIsBadField(String value) {
        assertRejected("{\"type\":\"hello\",\"protocol\":" + value + "}",
                ErrorCode.BAD_FIELD, "'protocol'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12\"", "1.5", "12.0", "1E2", "null", "false", "[]", "{}",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"})
    void badLongValueIsBadField(String value) {
        assertRejected("{\"type\":\"ping\",\"id\":" + value + "}", ErrorCode.BAD_FIELD, "'id'");
        assertRejected("{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"r\","
                + "\"serverTimeMicros\":" + value + ",\"registrationOpen\":true}",
                ErrorCode.BAD_FIELD, "'serverTimeMicros'");
        assertRejected("{\"type\":\"signed_in\",\"user\":\"a\",\"token\":\"" + TOKEN
                + "\",\"tokenExpiresAtMicros\":" + value + "}", ErrorCode.BAD_FIELD,
                "'tokenExpiresAtMicros'");
        assertRejected(ControlCodecTest.RINGING_JSON.replace("1700000000000000", value),
                ErrorCode.BAD_FIELD, "'createdAtMicros'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("1700000100000000", value),
                ErrorCode.BAD_FIELD, "'sentAtMicros'");
    }

    /** Optional integers: like required ones, except that {@code null} means absent. */
    @ParameterizedTest
    @ValueSource(strings = {"\"12\"", "1.5", "12.0", "1E2", "false", "[]", "{}",
        "9223372036854775808"})
    void badOptionalLongValueIsBadField(String value) {
        assertRejected("{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\",\"fatal\":true,"
                + "\"retryAfterMs\":" + value + "}", ErrorCode.BAD_FIELD, "'retryAfterMs'");
        for (String field : List.of("answeredAtMicros", "endedAtMicros")) {
            assertRejected(ControlCodecTest.ENDED_JSON.replaceFirst(
                    "\"" + field + "\":\\d+", "\"" + field + "\":" + value),
                    ErrorCode.BAD_FIELD, "'" + field + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE})
    void negativeRetryAfterMsIsBadField(long value) {
        assertRejected("{\"type\":\"error\",\"code\":\"throttled\",\"message\":\"m\","
                + "\"fatal\":false,\"retryAfterMs\":" + value + "}", ErrorCode.BAD_FIELD,
                "'retryAfterMs'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-9223372036854775808", "\"1\"", "1.0", "null", "true",
        "9223372036854775808"})
    void badCallIdIsBadField(String value) {
        for (String type : List.of("call_accept", "call_decline", "call_hangup")) {
            assertRejected("{\"type\":\"" + type + "\",\"callId\":" + value + "}",
                    ErrorCode.BAD_FIELD, "'callId'");
        }
        assertRejected("{\"type\":\"media_state\",\"callId\":" + value + ",\"videoOn\":true,"
                + "\"audioOn\":true}", ErrorCode.BAD_FIELD, "'callId'");
        assertRejected(ControlCodecTest.RINGING_JSON.replace("\"callId\":17",
                "\"callId\":" + value), ErrorCode.BAD_FIELD, "'callId'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("\"id\":42", "\"id\":" + value),
                ErrorCode.BAD_FIELD, "'id'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "\"true\"", "null", "[]"})
    void badBooleanValueIsBadField(String value) {
        assertRejected("{\"type\":\"media_state\",\"callId\":1,\"videoOn\":" + value
                + ",\"audioOn\":true}", ErrorCode.BAD_FIELD, "'videoOn'");
        assertRejected("{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\",\"fatal\":"
                + value + "}", ErrorCode.BAD_FIELD, "'fatal'");
        assertRejected("{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"r\","
                + "\"serverTimeMicros\":1,\"registrationOpen\":" + value + "}",
                ErrorCode.BAD_FIELD, "'registrationOpen'");
        assertRejected(ControlCodecTest.RINGING_JSON.replace(
                "\"callerMedia\":{\"videoOn\":true", "\"callerMedia\":{\"videoOn\":" + value),
                ErrorCode.BAD_FIELD, "'callerMedia.videoOn'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "null", "[\"a\"]", "{}"})
    void badStringValueIsBadField(String value) {
        assertRejected("{\"type\":\"welcome\",\"protocol\":1,\"relayId\":" + value + ","
                + "\"serverTimeMicros\":1,\"registrationOpen\":true}", ErrorCode.BAD_FIELD,
                "'relayId'");
        assertRejected("{\"type\":\"error\",\"code\":" + value + ",\"message\":\"m\","
                + "\"fatal\":true}", ErrorCode.BAD_FIELD, "'code'");
        assertRejected("{\"type\":\"register\",\"user\":" + value + ",\"password\":\"p\"}",
                ErrorCode.BAD_FIELD, "'user'");
        assertRejected("{\"type\":\"register\",\"user\":\"a\",\"password\":" + value + "}",
                ErrorCode.BAD_FIELD, "'password'");
        assertRejected("{\"type\":\"call_start\",\"to\":" + value + "}", ErrorCode.BAD_FIELD,
                "'to'");
        assertRejected("{\"type\":\"chat_send\",\"to\":" + value + ",\"body\":\"x\"}",
                ErrorCode.BAD_FIELD, "'to'");
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":" + value + "}",
                ErrorCode.BAD_FIELD, "'body'");
        assertRejected("{\"type\":\"signed_in\",\"user\":\"a\",\"token\":" + value
                + ",\"tokenExpiresAtMicros\":1}", ErrorCode.BAD_FIELD, "'token'");
        assertRejected("{\"type\":\"presence\",\"user\":\"a\",\"status\":" + value + "}",
                ErrorCode.BAD_FIELD, "'status'");
        assertRejected(ControlCodecTest.RINGING_JSON.replace("\"ringing\"", value),
                ErrorCode.BAD_FIELD, "'state'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("\"bob\"", value),
                ErrorCode.BAD_FIELD, "'to'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "[]", "{}"})
    void nonStringOptionalStringIsBadField(String value) {
        assertRejected("{\"type\":\"hello\",\"protocol\":1,\"client\":" + value + "}",
                ErrorCode.BAD_FIELD, "'client'");
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"x\",\"clientMsgId\":"
                + value + "}", ErrorCode.BAD_FIELD, "'clientMsgId'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("\"c-0001\"", value),
                ErrorCode.BAD_FIELD, "'clientMsgId'");
        assertRejected(ControlCodecTest.ENDED_JSON.replace("\"endedBy\":\"bob\"",
                "\"endedBy\":" + value), ErrorCode.BAD_FIELD, "'endedBy'");
        for (String field : List.of("user", "password", "token")) {
            assertRejected("{\"type\":\"sign_in\",\"" + field + "\":" + value + "}",
                    ErrorCode.BAD_FIELD, "'" + field + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "\"x\"", "[]", "null"})
    void nonObjectMediaFlagsIsBadField(String value) {
        assertRejected(ControlCodecTest.RINGING_JSON.replace(
                "\"callerMedia\":{\"videoOn\":true,\"audioOn\":true}", "\"callerMedia\":" + value),
                ErrorCode.BAD_FIELD, "'callerMedia'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "\"x\"", "{}", "null", "{\"0\":{}}"})
    void nonArrayListIsBadField(String value) {
        assertRejected("{\"type\":\"contacts\",\"last\":true,\"contacts\":" + value + "}", ErrorCode.BAD_FIELD,
                "'contacts'");
        assertRejected("{\"type\":\"call_history\",\"calls\":" + value + "}",
                ErrorCode.BAD_FIELD, "'calls'");
        assertRejected("{\"type\":\"chat_history\",\"messages\":" + value + "}",
                ErrorCode.BAD_FIELD, "'messages'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "\"x\"", "[]", "null"})
    void nonObjectListElementIsBadFieldNamingItsIndex(String value) {
        assertRejected("{\"type\":\"contacts\",\"last\":true,\"contacts\":[{\"user\":\"a\",\"relation\":\"contact\",\"status\":\"online\"},"
                + value + "]}", ErrorCode.BAD_FIELD, "'contacts[1]'");
        assertRejected("{\"type\":\"call_history\",\"calls\":[" + value + "]}",
                ErrorCode.BAD_FIELD, "'calls[0]'");
        assertRejected("{\"type\":\"chat_history\",\"messages\":[" + value + "]}",
                ErrorCode.BAD_FIELD, "'messages[0]'");
    }

    @Test
    void listsOverTheLimitAreTooLarge() {
        int n = Limits.MAX_LIST_ELEMENTS + 1;
        String users = "{\"type\":\"contacts\",\"last\":true,\"contacts\":["
                + String.join(",", Collections.nCopies(n, "{\"user\":\"a\",\"relation\":\"contact\",\"status\":\"online\"}"))
                + "]}";
        String calls = "{\"type\":\"call_history\",\"calls\":["
                + String.join(",", Collections.nCopies(n, RINGING_ELEMENT)) + "]}";
        String messages = "{\"type\":\"chat_history\",\"messages\":["
                + String.join(",", Collections.nCopies(n, "{}")) + "]}";

        for (String json : List.of(users, calls, messages)) {
            assertThatThrownBy(() -> ControlCodec.decode(json, Limits.MAX_SERVER_CONTROL_BYTES))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.TOO_LARGE);
                        assertThat(e.getMessage()).contains(String.valueOf(n));
                    });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a@b", "zoé", "abcdefghijklmnopqrstuvwxyz0123456"})
    void invalidUserIsBadUserNameNamingTheField(String user) {
        String u = "\"" + user + "\"";
        assertRejected("{\"type\":\"register\",\"user\":" + u + ",\"password\":\"p\"}",
                ErrorCode.BAD_USER_NAME, "'user'");
        assertRejected("{\"type\":\"sign_in\",\"user\":" + u + ",\"password\":\"p\"}",
                ErrorCode.BAD_USER_NAME, "'user'");
        assertRejected("{\"type\":\"call_start\",\"to\":" + u + "}", ErrorCode.BAD_USER_NAME,
                "'to'");
        assertRejected("{\"type\":\"chat_send\",\"to\":" + u + ",\"body\":\"x\"}",
                ErrorCode.BAD_USER_NAME, "'to'");
        assertRejected("{\"type\":\"signed_in\",\"user\":" + u + ",\"token\":\"" + TOKEN
                + "\",\"tokenExpiresAtMicros\":1}", ErrorCode.BAD_USER_NAME, "'user'");
        assertRejected("{\"type\":\"presence\",\"user\":" + u + ",\"status\":\"online\"}",
                ErrorCode.BAD_USER_NAME, "'user'");
        assertRejected("{\"type\":\"contacts\",\"last\":true,\"contacts\":[{\"user\":\"a\",\"relation\":\"contact\",\"status\":\"online\"},"
                + "{\"user\":" + u + ",\"relation\":\"contact\",\"status\":\"online\"}]}", ErrorCode.BAD_USER_NAME,
                "'contacts[1].user'");
        assertRejected(ControlCodecTest.RINGING_JSON.replace("\"alice\"", u),
                ErrorCode.BAD_USER_NAME, "'caller'");
        assertRejected(ControlCodecTest.RINGING_JSON.replace("\"bob\"", u),
                ErrorCode.BAD_USER_NAME, "'callee'");
        assertRejected(ControlCodecTest.ENDED_JSON.replace("\"endedBy\":\"bob\"",
                "\"endedBy\":" + u), ErrorCode.BAD_USER_NAME, "'endedBy'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("\"alice\"", u),
                ErrorCode.BAD_USER_NAME, "'from'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("\"bob\"", u),
                ErrorCode.BAD_USER_NAME, "'to'");
        assertRejected("{\"type\":\"chat_history\",\"messages\":["
                + ControlCodecTest.CHAT_JSON.replace("\"type\":\"chat\",", "")
                        .replace("\"bob\"", u) + "]}",
                ErrorCode.BAD_USER_NAME, "'messages[0].to'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"user\":null,\"password\":null,\"token\":null}"})
    void signInWithoutCredentialsIsBadField(String members) {
        String json = "{\"type\":\"sign_in\"," + members.substring(1);

        assertRejected(json.replace(",}", "}"), ErrorCode.BAD_FIELD, "'token'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"user\":\"a\",\"token\":\"" + TOKEN + "\"                         | user",
        "\"password\":\"p\",\"token\":\"" + TOKEN + "\"                     | password",
        "\"user\":\"a\",\"password\":\"p\",\"token\":\"" + TOKEN + "\"        | user"})
    void signInWithPasswordAndTokenIsBadField(String members, String field) {
        assertRejected("{\"type\":\"sign_in\"," + members + "}", ErrorCode.BAD_FIELD,
                "'" + field + "' must be absent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefghijklmno", "abcdefghijklmnop+", "abcdefghijklmnop=",
        "abcdefghijklmnop ", "abcdefghijklmnop.", "abcdefghijklmnopé", "abcdefghijklmnop\\n",
        "abcdefghijklmnop\\u0000", ""})
    void badTokenIsBadField(String token) {
        assertRejected("{\"type\":\"sign_in\",\"token\":\"" + token + "\"}", ErrorCode.BAD_FIELD,
                "'token'");
        assertRejected("{\"type\":\"signed_in\",\"user\":\"a\",\"token\":\"" + token
                + "\",\"tokenExpiresAtMicros\":1}", ErrorCode.BAD_FIELD, "'token'");
    }

    @Test
    void tokenOverTheLimitIsBadFieldWithoutQuotingIt() {
        String token = "t".repeat(Limits.MAX_TOKEN_CHARS + 1);

        assertRejected("{\"type\":\"sign_in\",\"token\":\"" + token + "\"}", ErrorCode.BAD_FIELD,
                "'token'");
        assertThatThrownBy(() -> ControlCodec.decode("{\"type\":\"sign_in\",\"token\":\"secret"
                + token.substring(6, 20) + "+\"}"))
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\\u0000", "x\\u0001", "x\\u001f", "\\u001b[0m", "x\\uD800",
        "\\uDC00x", "x\\uDE00\\uD83D"})
    void badPasswordIsBadField(String password) {
        assertRejected("{\"type\":\"register\",\"user\":\"a\",\"password\":\"" + password + "\"}",
                ErrorCode.BAD_FIELD, "'password'");
        assertRejected("{\"type\":\"sign_in\",\"user\":\"a\",\"password\":\"" + password + "\"}",
                ErrorCode.BAD_FIELD, "'password'");
    }

    @Test
    void passwordOverTheLimitIsBadFieldWithoutQuotingIt() {
        String password = "secret" + "é".repeat(Limits.MAX_PASSWORD_CHARS - 5);

        assertThatThrownBy(() -> ControlCodec.decode(
                "{\"type\":\"register\",\"user\":\"a\",\"password\":\"" + password + "\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_FIELD);
                    assertThat(e.getMessage()).contains("'password'").doesNotContain("secret");
                });
    }

    /** Jackson's messages quote the token they choke on; a password typed without quotes is one. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"sign_in\",\"user\":\"a\",\"password\":hunter2secret}",
        "{\"type\":\"register\",\"user\":\"a\",\"password\":'hunter2secret'}",
        "{\"type\":\"sign_in\",\"token\":hunter2secretTokenText}",
        "{\"type\":\"sign_in\",\"user\":\"a\",\"password\":\"hunter2secret",
        "{\"type\":\"sign_in\",\"user\":\"a\",\"password\":12345hunter2secret}",
        "{\"type\":\"sign_in\",\"user\":\"a\",\n\"password\":\"x\"} hunter2secret"})
    void malformedJsonIsReportedByPositionWithoutQuotingTheInput(String json) {
        assertThatThrownBy(() -> ControlCodec.decode(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON);
                    assertThat(e.getMessage()).matches("malformed JSON( at line \\d+ column \\d+)?")
                            .doesNotContain("hunter2");
                    assertThat(e.getCause()).as("no exception carrying Jackson's message").isNull();
                });
    }

    @Test
    void malformedJsonNamesTheLineAndColumn() {
        assertThatThrownBy(() -> ControlCodec.decode("{\"type\":\"ping\",\n\"id\":x1}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("malformed JSON at line 2 column 6"));
    }

    @Test
    void emptyChatBodyIsBadField() {
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"\"}", ErrorCode.BAD_FIELD,
                "'body'");
        assertRejected(ControlCodecTest.CHAT_JSON.replaceFirst("\"body\":\"[^\"]*\"",
                "\"body\":\"\""), ErrorCode.BAD_FIELD, "'body'");
    }

    @Test
    void chatBodyOverTheLimitIsTooLarge() {
        String ascii = "x".repeat(Limits.MAX_CHAT_CHARS + 1);
        String wide = ControlCodecTest.WAVE.repeat(Limits.MAX_CHAT_CHARS) + "x";

        for (String body : List.of(ascii, wide)) {
            assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"" + body + "\"}",
                    ErrorCode.TOO_LARGE, "'body'");
            String chat = ControlCodecTest.CHAT_JSON.replaceFirst("\"body\":\"[^\"]*\"",
                    "\"body\":\"" + body + "\"");
            assertThatThrownBy(() -> ControlCodec.decode(chat, Limits.MAX_SERVER_CONTROL_BYTES))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "a\\u0000b", "\\u0007", "\\u000b", "\\u000c",
        "\\u001f", "x\\uD800", "\\uDFFF", "\\uDE00\\uD83D"})
    void chatBodyWithForbiddenCharactersIsBadField(String body) {
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"" + body + "\"}",
                ErrorCode.BAD_FIELD, "'body'");
        assertRejected(ControlCodecTest.CHAT_JSON.replaceFirst("\"body\":\"[^\"]*\"",
                "\"body\":\"" + body.replace("\\", "\\\\") + "\""), ErrorCode.BAD_FIELD, "'body'");
    }

    @Test
    void unescapedForbiddenCharactersAreRejectedToo() {
        // a raw control character is not valid JSON; a raw lone surrogate reaches the rule
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"a\u0001\"}",
                ErrorCode.BAD_JSON);
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"a\uD800\"}",
                ErrorCode.BAD_FIELD, "'body'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "é", "\\t", "\\u007f",
        "12345678901234567890123456789012345678901234567890123456789012345"})
    void badClientMsgIdIsBadField(String clientMsgId) {
        assertRejected("{\"type\":\"chat_send\",\"to\":\"b\",\"body\":\"x\",\"clientMsgId\":\""
                + clientMsgId + "\"}", ErrorCode.BAD_FIELD, "'clientMsgId'");
        assertRejected(ControlCodecTest.CHAT_JSON.replace("\"c-0001\"", "\"" + clientMsgId + "\""),
                ErrorCode.BAD_FIELD, "'clientMsgId'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "away", "ONLINE", "Online", "in-call", "online "})
    void unknownPresenceStatusIsBadField(String status) {
        assertRejected("{\"type\":\"presence\",\"user\":\"a\",\"status\":\"" + status + "\"}",
                ErrorCode.BAD_FIELD, "'status'");
        assertRejected("{\"type\":\"contacts\",\"last\":true,\"contacts\":[{\"user\":\"a\",\"relation\":\"contact\",\"status\":\""
                + status + "\"}]}", ErrorCode.BAD_FIELD, "'contacts[0].status'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "friend", "CONTACT", "Contact", "pending", "contact "})
    void unknownContactRelationOrActionIsBadField(String value) {
        assertRejected("{\"type\":\"contact\",\"user\":\"a\",\"relation\":\"" + value
                + "\",\"status\":\"online\"}", ErrorCode.BAD_FIELD, "'relation'");
        assertRejected("{\"type\":\"contact_action\",\"user\":\"a\",\"action\":\"" + value
                + "\"}", ErrorCode.BAD_FIELD, "'action'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "zoé"})
    void badInviteIsBadField(String invite) {
        assertRejected("{\"type\":\"register\",\"user\":\"a\",\"password\":\"p\",\"invite\":\""
                + invite + "\"}", ErrorCode.BAD_FIELD, "'invite'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "RINGING", "Ringing", "canceled", "hold", "ended "})
    void unknownCallStateIsBadField(String state) {
        String call = ControlCodecTest.RINGING_JSON.replace("\"ringing\"", "\"" + state + "\"");

        assertRejected(call, ErrorCode.BAD_FIELD, "'state'");
        assertRejected("{\"type\":\"call_history\",\"calls\":["
                + call.replace("\"type\":\"call\",", "") + "]}", ErrorCode.BAD_FIELD,
                "'calls[0].state'");
    }

    @Test
    void moreCharsThanTheLimitIsTooLarge() {
        String json = "{\"type\":\"ping\",\"id\":1,\"pad\":\""
                + "x".repeat(Limits.MAX_CONTROL_BYTES) + "\"}";

        assertRejected(json, ErrorCode.TOO_LARGE);
    }

    @Test
    void moreUtf8BytesThanTheLimitIsTooLarge() {
        // fewer chars than the limit, but each "é" is two UTF-8 bytes
        String json = "{\"type\":\"ping\",\"id\":1,\"pad\":\""
                + "é".repeat(Limits.MAX_CONTROL_BYTES / 2) + "\"}";

        assertThat(json.length()).isLessThan(Limits.MAX_CONTROL_BYTES);
        assertRejected(json, ErrorCode.TOO_LARGE);
    }

    @Test
    void tooLargeIsCheckedBeforeSyntax() {
        assertRejected("[".repeat(Limits.MAX_CONTROL_BYTES + 1), ErrorCode.TOO_LARGE);
    }

    @Test
    void deepNestingIsBadJsonWithoutBlowingTheStack() {
        int depth = Limits.MAX_CONTROL_BYTES / 2 - 10;
        assertRejected("[".repeat(depth) + "]".repeat(depth), ErrorCode.BAD_JSON);
        assertRejected("{\"a\":".repeat(2000) + "1" + "}".repeat(2000), ErrorCode.BAD_JSON);
    }

    @Test
    void nestingLimitAppliesInsideIgnoredFields() throws ProtocolException {
        int allowed = Limits.MAX_CONTROL_NESTING_DEPTH - 1;  // the message object is level 1
        String ok = "{\"type\":\"ping\",\"id\":1,\"x\":" + "[".repeat(allowed)
                + "]".repeat(allowed) + "}";
        String tooDeep = "{\"type\":\"ping\",\"id\":1,\"x\":" + "[".repeat(allowed + 1)
                + "]".repeat(allowed + 1) + "}";

        assertThat(ControlCodec.decode(ok)).isEqualTo(new Ping(1));
        assertRejected(tooDeep, ErrorCode.BAD_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\",\"id\":1,\"id\":2}",
        "{\"type\":\"ping\",\"type\":\"pong\",\"id\":1}",
        "{\"type\":\"ping\",\"id\":1,\"x\":{\"a\":1,\"a\":1}}"})
    void duplicateKeysAreBadJson(String json) {
        assertRejected(json, ErrorCode.BAD_JSON);
    }

    /** Removes a top-level property from a compact JSON object. */
    private static String withoutField(String json, String field) throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(json);
        tree.remove(field);
        return JSON.writeValueAsString(tree);
    }

    private static void assertRejected(String json, ErrorCode expected) {
        assertRejected(json, expected, "");
    }

    private static void assertRejected(String json, ErrorCode expected, String messagePart) {
        assertThatThrownBy(() -> ControlCodec.decode(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).as(e.getMessage()).isEqualTo(expected);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
