package com.waltalk.desktop.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.net.ErrorCodes;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ErrorMessage;
import org.junit.jupiter.api.Test;

/** The relay's refusals of contact, call and chat commands, and of registration, as sentences. */
class FailureTextTest {

    private static Failure relay(ErrorCode code, Long retryAfterMs) {
        return ErrorCodes.toFailure(new ErrorMessage(code.wire(), "because", false, retryAfterMs), false);
    }

    @Test
    void contactRefusalsNameTheUser() {
        assertThat(FailureText.forCommand("addContact", "bobb", relay(ErrorCode.UNKNOWN_PEER, null)))
                .startsWith("Nobody is called bobb on this relay.");
        assertThat(FailureText.forCommand("addContact", "bob", relay(ErrorCode.RATE_LIMITED, 5L * 3600 * 1000)))
                .isEqualTo("You have sent too many contact requests for today. Try again in 5 h.");
        assertThat(FailureText.forCommand("acceptContact", "bob", relay(ErrorCode.NO_CONTACT_REQUEST, null)))
                .startsWith("bob has not asked to be your contact");
        assertThat(FailureText.forCommand("call", "bob", relay(ErrorCode.NOT_A_CONTACT, null)))
                .isEqualTo("bob is not your contact yet. Add them, and once they accept you can call.");
        assertThat(FailureText.forCommand("sendChat", "bob", relay(ErrorCode.NOT_A_CONTACT, null)))
                .endsWith("you can send messages.");
    }

    @Test
    void inviteRequiredOnTheSignInScreen() {
        assertThat(FailureText.forSignIn(relay(ErrorCode.INVITE_REQUIRED, null), "ws://x"))
                .contains("by invitation only").contains("invite code");
    }

    @Test
    void waitTimes() {
        assertThat(Formats.waitTime(400)).isEqualTo("1 s");
        assertThat(Formats.waitTime(61_000)).isEqualTo("61 s");
        assertThat(Formats.waitTime(30 * 60_000)).isEqualTo("30 min");
        assertThat(Formats.waitTime(23 * 3600_000L + 1)).isEqualTo("24 h");
    }
}
