package com.waltalk.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per decoder rejection path, each asserting its specific error code. */
class ControlCodecRejectionTest {

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
    @ValueSource(strings = {"", "bye", "Ping", "PING", "ping ", "mediaState"})
    void unknownTypeIsUnknownType(String type) {
        assertRejected("{\"type\":\"" + type + "\",\"id\":1}", ErrorCode.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"hello\",\"user\":\"a\"}                                  | protocol",
        "{\"type\":\"hello\",\"protocol\":1}                                  | user",
        "{\"type\":\"welcome\",\"user\":\"a\",\"relayId\":\"r\",\"serverTimeMicros\":1} | protocol",
        "{\"type\":\"welcome\",\"protocol\":1,\"relayId\":\"r\",\"serverTimeMicros\":1} | user",
        "{\"type\":\"welcome\",\"protocol\":1,\"user\":\"a\",\"serverTimeMicros\":1}  | relayId",
        "{\"type\":\"welcome\",\"protocol\":1,\"user\":\"a\",\"relayId\":\"r\"} | serverTimeMicros",
        "{\"type\":\"error\",\"message\":\"m\",\"fatal\":true}               | code",
        "{\"type\":\"error\",\"code\":\"c\",\"fatal\":true}                  | message",
        "{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\"}               | fatal",
        "{\"type\":\"ping\"}                                                 | id",
        "{\"type\":\"pong\"}                                                 | id",
        "{\"type\":\"media_state\",\"audioOn\":true}                         | videoOn",
        "{\"type\":\"media_state\",\"videoOn\":true}                         | audioOn"})
    void missingFieldIsBadFieldNamingIt(String json, String field) {
        assertRejected(json, ErrorCode.BAD_FIELD, "'" + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "1.0", "1e0", "null", "true", "[1]", "{}",
        "2147483648", "-2147483649", "0", "-1"})
    void badProtocolValueIsBadField(String value) {
        assertRejected("{\"type\":\"hello\",\"protocol\":" + value + ",\"user\":\"a\"}",
                ErrorCode.BAD_FIELD, "'protocol'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12\"", "1.5", "12.0", "1E2", "null", "false",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890"})
    void badLongValueIsBadField(String value) {
        assertRejected("{\"type\":\"ping\",\"id\":" + value + "}", ErrorCode.BAD_FIELD, "'id'");
        assertRejected("{\"type\":\"welcome\",\"protocol\":1,\"user\":\"a\",\"relayId\":\"r\","
                + "\"serverTimeMicros\":" + value + "}", ErrorCode.BAD_FIELD,
                "'serverTimeMicros'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "\"true\"", "null", "[]"})
    void badBooleanValueIsBadField(String value) {
        assertRejected("{\"type\":\"media_state\",\"videoOn\":" + value + ",\"audioOn\":true}",
                ErrorCode.BAD_FIELD, "'videoOn'");
        assertRejected("{\"type\":\"error\",\"code\":\"c\",\"message\":\"m\",\"fatal\":"
                + value + "}", ErrorCode.BAD_FIELD, "'fatal'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "null", "[\"a\"]", "{}"})
    void badStringValueIsBadField(String value) {
        assertRejected("{\"type\":\"hello\",\"protocol\":1,\"user\":" + value + "}",
                ErrorCode.BAD_FIELD, "'user'");
        assertRejected("{\"type\":\"error\",\"code\":" + value + ",\"message\":\"m\","
                + "\"fatal\":true}", ErrorCode.BAD_FIELD, "'code'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "[]"})
    void nonStringOptionalClientIsBadField(String value) {
        assertRejected("{\"type\":\"hello\",\"protocol\":1,\"user\":\"a\",\"client\":" + value
                + "}", ErrorCode.BAD_FIELD, "'client'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a@b", "zoé", "abcdefghijklmnopqrstuvwxyz0123456"})
    void invalidUserIsBadUserName(String user) {
        assertRejected("{\"type\":\"hello\",\"protocol\":1,\"user\":\"" + user + "\"}",
                ErrorCode.BAD_USER_NAME);
        assertRejected("{\"type\":\"welcome\",\"protocol\":1,\"user\":\"" + user + "\","
                + "\"relayId\":\"r\",\"serverTimeMicros\":0}", ErrorCode.BAD_USER_NAME);
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
