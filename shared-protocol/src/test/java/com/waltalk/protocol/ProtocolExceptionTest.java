package com.waltalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ProtocolExceptionTest {

    @Test
    void carriesCodeAndMessage() {
        ProtocolException e = new ProtocolException(ErrorCode.BAD_FIELD, "width 0");

        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FIELD);
        assertThat(e.getMessage()).isEqualTo("width 0");
        assertThat(e.toString()).contains("bad_field").contains("width 0");
    }

    @Test
    void recordsNoStackTrace() {
        assertThat(new ProtocolException(ErrorCode.TRUNCATED, "x").getStackTrace()).isEmpty();
    }

    @Test
    void keepsCause() {
        IllegalStateException cause = new IllegalStateException("inner");

        assertThat(new ProtocolException(ErrorCode.BAD_JSON, "x", cause)).hasCause(cause);
    }

    @Test
    void requiresCode() {
        assertThatNullPointerException().isThrownBy(() -> new ProtocolException(null, "x"));
    }
}
