package com.waltalk.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.Limits;
import com.waltalk.protocol.ProtocolException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlCodecTest {

    /** Every message type with its exact wire form: compact, {@code type} first. */
    static Stream<Arguments> goldenMessages() {
        return Stream.of(
                Arguments.of(new Hello(1, "alice", "WalTalk-desktop/0.1"),
                        "{\"type\":\"hello\",\"protocol\":1,\"user\":\"alice\","
                                + "\"client\":\"WalTalk-desktop/0.1\"}"),
                Arguments.of(new Hello(1, "alice", null),
                        "{\"type\":\"hello\",\"protocol\":1,\"user\":\"alice\"}"),
                Arguments.of(new Welcome(1, "alice", "relay-1", 1_700_000_000_123_456L),
                        "{\"type\":\"welcome\",\"protocol\":1,\"user\":\"alice\","
                                + "\"relayId\":\"relay-1\",\"serverTimeMicros\":1700000000123456}"),
                Arguments.of(ErrorMessage.of(ErrorCode.BAD_FIELD, "width 0", false),
                        "{\"type\":\"error\",\"code\":\"bad_field\",\"message\":\"width 0\","
                                + "\"fatal\":false}"),
                Arguments.of(new Ping(Long.MIN_VALUE),
                        "{\"type\":\"ping\",\"id\":-9223372036854775808}"),
                Arguments.of(new Pong(Long.MAX_VALUE),
                        "{\"type\":\"pong\",\"id\":9223372036854775807}"),
                Arguments.of(new MediaState(true, false),
                        "{\"type\":\"media_state\",\"videoOn\":true,\"audioOn\":false}"));
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
    void ignoresUnknownFieldsAndWhitespace() throws ProtocolException {
        String json = " {\n \"id\" : 7, \"extra\": {\"a\": [1, 2.5, null]}, \"type\": \"ping\" }\t";

        assertThat(ControlCodec.decode(json)).isEqualTo(new Ping(7));
    }

    @Test
    void helloClientMayBeNull() throws ProtocolException {
        assertThat(ControlCodec.decode(
                "{\"type\":\"hello\",\"protocol\":1,\"user\":\"a\",\"client\":null}"))
                .isEqualTo(new Hello(1, "a", null));
    }

    @Test
    void helloAcceptsFutureProtocolVersions() throws ProtocolException {
        String json = "{\"type\":\"hello\",\"protocol\":2147483647,\"user\":\"a\"}";

        assertThat(ControlCodec.decode(json))
                .isEqualTo(new Hello(Integer.MAX_VALUE, "a", null));
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
    void encodeRefusesMessagesOverTheLimit() {
        ErrorMessage huge = new ErrorMessage("internal", "é".repeat(Limits.MAX_CONTROL_BYTES / 2),
                false);

        assertThatIllegalArgumentException().isThrownBy(() -> ControlCodec.encode(huge));
    }

    @Test
    void errorMessageMapsKnownAndUnknownCodes() {
        assertThat(ErrorMessage.of(ErrorCode.OVERLOADED, "busy", false).errorCode())
                .contains(ErrorCode.OVERLOADED);
        assertThat(new ErrorMessage("from_the_future", "?", false).errorCode()).isEmpty();
    }

    @Test
    void recordsRejectProgrammerErrors() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(0, "a", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Hello(1, "a b", null));
        assertThatIllegalArgumentException().isThrownBy(() -> new Welcome(0, "a", "r", 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Welcome(1, "", "r", 0));
    }

    @Test
    void typeMatchesTheWireName() {
        assertThat(new Hello(1, "a", null).type()).isEqualTo("hello");
        assertThat(new Welcome(1, "a", "r", 0).type()).isEqualTo("welcome");
        assertThat(new ErrorMessage("c", "m", false).type()).isEqualTo("error");
        assertThat(new Ping(0).type()).isEqualTo("ping");
        assertThat(new Pong(0).type()).isEqualTo("pong");
        assertThat(new MediaState(false, false).type()).isEqualTo("media_state");
    }

    @Test
    void utf8LengthCountsBytes() {
        assertThat(ControlCodec.utf8Length("a")).isEqualTo(1);
        assertThat(ControlCodec.utf8Length("é")).isEqualTo(2);
        assertThat(ControlCodec.utf8Length("€")).isEqualTo(3);
        assertThat(ControlCodec.utf8Length("\uD83D\uDE00")).isEqualTo(4);
        assertThat(ControlCodec.utf8Length("\uD83D")).isEqualTo(3);
    }
}
