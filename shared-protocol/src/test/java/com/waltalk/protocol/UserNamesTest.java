package com.waltalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UserNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "_", ".", "-", "alice", "Bob_1.2-x",
        "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsValidNames(String name) throws ProtocolException {
        assertThat(UserNames.isValid(name)).isTrue();
        assertThat(UserNames.validate(name)).isSameAs(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abcdefghijklmnopqrstuvwxyz0123456", "a b", "a@b", "a/b", "a+b",
        "é", "ä1", "a\u0000", "a\n", "\uD83D\uDE00", "a,b", "a:b", "'a'"})
    void rejectsInvalidNames(String name) {
        assertThat(UserNames.isValid(name)).isFalse();
        assertThatThrownBy(() -> UserNames.validate(name))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_USER_NAME));
    }

    @Test
    void singleCharacterNamesAreValidExactlyForTheAlphabet() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertThat(UserNames.isValid(String.valueOf(c)))
                    .as("U+%04X", (int) c)
                    .isEqualTo(alphabet.indexOf(c) >= 0);
        }
    }

    @Test
    void theKeyFoldsCaseOnly() {
        assertThat(UserNames.key("Bob_1.2-X")).isEqualTo("bob_1.2-x");
        assertThat(UserNames.key("ALICE")).isEqualTo(UserNames.key("alice"));
    }

    @Test
    void theRulesSentenceStatesTheLengthLimit() {
        assertThat(UserNames.RULES).contains("1 to " + Limits.MAX_USER_NAME_BYTES + " characters");
    }
}
