package com.waltalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    /** The wire strings are part of the protocol: pinned here so a rename cannot change them. */
    @Test
    void wireStringsArePinned() {
        Map<ErrorCode, String> expected = new LinkedHashMap<>();
        expected.put(ErrorCode.TRUNCATED, "truncated");
        expected.put(ErrorCode.BAD_VERSION, "bad_version");
        expected.put(ErrorCode.UNKNOWN_KIND, "unknown_kind");
        expected.put(ErrorCode.TOO_LARGE, "too_large");
        expected.put(ErrorCode.BAD_FIELD, "bad_field");
        expected.put(ErrorCode.BAD_JSON, "bad_json");
        expected.put(ErrorCode.UNKNOWN_TYPE, "unknown_type");
        expected.put(ErrorCode.NOT_SIGNED_IN, "not_signed_in");
        expected.put(ErrorCode.ALREADY_SIGNED_IN, "already_signed_in");
        expected.put(ErrorCode.BAD_USER_NAME, "bad_user_name");
        expected.put(ErrorCode.UNKNOWN_PEER, "unknown_peer");
        expected.put(ErrorCode.SESSION_REPLACED, "session_replaced");
        expected.put(ErrorCode.OVERLOADED, "overloaded");
        expected.put(ErrorCode.UNSUPPORTED_MESSAGE, "unsupported_message");
        expected.put(ErrorCode.INTERNAL, "internal");
        expected.put(ErrorCode.BAD_CREDENTIALS, "bad_credentials");
        expected.put(ErrorCode.THROTTLED, "throttled");
        expected.put(ErrorCode.REGISTRATION_CLOSED, "registration_closed");
        expected.put(ErrorCode.USER_EXISTS, "user_exists");
        expected.put(ErrorCode.WEAK_PASSWORD, "weak_password");
        expected.put(ErrorCode.RATE_LIMITED, "rate_limited");
        expected.put(ErrorCode.UNKNOWN_CALL, "unknown_call");
        expected.put(ErrorCode.BAD_CALL_STATE, "bad_call_state");
        expected.put(ErrorCode.NOT_IN_CALL, "not_in_call");
        expected.put(ErrorCode.SIGN_IN_TIMEOUT, "sign_in_timeout");
        expected.put(ErrorCode.ACCOUNT_REMOVED, "account_removed");
        expected.put(ErrorCode.NOT_A_CONTACT, "not_a_contact");
        expected.put(ErrorCode.NO_CONTACT_REQUEST, "no_contact_request");
        expected.put(ErrorCode.INVITE_REQUIRED, "invite_required");

        assertThat(ErrorCode.values()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((code, wire) -> assertThat(code.wire()).isEqualTo(wire));
    }

    @Test
    void fromWireFindsEveryCode() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCode.fromWire(code.wire())).contains(code);
        }
    }

    @Test
    void fromWireIsEmptyForUnknownOrNull() {
        assertThat(ErrorCode.fromWire("no_such_code")).isEmpty();
        assertThat(ErrorCode.fromWire("TRUNCATED")).isEmpty();
        assertThat(ErrorCode.fromWire("")).isEmpty();
        assertThat(ErrorCode.fromWire(null)).isEmpty();
    }

    @Test
    void everyCodeHasADescription() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::description))
                .allSatisfy(d -> assertThat(d).isNotBlank().doesNotContain("\n"));
    }
}
