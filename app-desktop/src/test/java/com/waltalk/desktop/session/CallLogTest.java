package com.waltalk.desktop.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.MediaFlags;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How each call state looks from either side, and that outcomes are exactly the protocol's final states. */
class CallLogTest {

    private static CallUpdate call(CallState state, String endedBy) {
        return new CallUpdate(7, "ann", "bob", state, 1_000_000L, state == CallState.ACCEPTED ? 2_000_000L : null,
                state.isFinal() ? 3_000_000L : null, endedBy, MediaFlags.ALL_ON, new MediaFlags(false, true));
    }

    @Test
    void everyStateMapsToAPhaseAndFinalOnesToTheirOutcome() {
        for (CallState state : CallState.values()) {
            for (String me : new String[] {"ann", "bob"}) {
                CallView view = CallLog.view(call(state, null), me);
                String at = state + " seen by " + me;
                assertThat(view.ended()).as(at).isEqualTo(state.isFinal());
                assertThat(view.outgoing()).as(at).isEqualTo(me.equals("ann"));
                assertThat(view.peer()).as(at).isEqualTo(me.equals("ann") ? "bob" : "ann");
                if (state.isFinal()) {
                    assertThat(view.outcome().state()).as(at).isEqualTo(state);
                } else {
                    assertThat(view.outcome()).as(at).isNull();
                }
            }
        }
        assertThat(CallLog.view(call(CallState.RINGING, null), "ann").phase()).isEqualTo(CallPhase.OUTGOING_RINGING);
        assertThat(CallLog.view(call(CallState.RINGING, null), "bob").phase()).isEqualTo(CallPhase.INCOMING_RINGING);
        assertThat(CallLog.view(call(CallState.ACCEPTED, null), "bob").phase()).isEqualTo(CallPhase.IN_CALL);
    }

    @Test
    void whoEndedItAndThePeersMediaAreFromMySide() {
        CallUpdate ended = call(CallState.ENDED, "bob");
        assertThat(CallLog.view(ended, "bob").endedByMe()).isTrue();
        assertThat(CallLog.view(ended, "ann").endedByMe()).isFalse();
        assertThat(CallLog.view(ended, "ann").peerMedia()).isEqualTo(new MediaSwitches(false, true));
        assertThat(CallLog.view(ended, "bob").peerMedia()).isEqualTo(MediaSwitches.ALL_ON);
    }

    /** Signing out hangs up: the session shows the call ended as the relay will end it. */
    @Test
    void myHangUpEndsTheCallAsTheTransitionTableSays() {
        Instant at = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(CallLog.afterMyHangup(call(CallState.RINGING, null), "ann", at).outcome())
                .as("my own ringing call").isEqualTo(CallOutcome.CANCELLED);
        assertThat(CallLog.afterMyHangup(call(CallState.RINGING, null), "bob", at).outcome())
                .as("a call ringing me").isEqualTo(CallOutcome.DECLINED);
        for (String me : new String[] {"ann", "bob"}) {
            CallView ended = CallLog.afterMyHangup(call(CallState.ACCEPTED, null), me, at);
            assertThat(ended.outcome()).isEqualTo(CallOutcome.ENDED);
            assertThat(ended.phase()).isEqualTo(CallPhase.ENDED);
            assertThat(ended.endedByMe()).isTrue();
            assertThat(ended.endedAt()).isEqualTo(at);
            assertThat(ended.answeredAt()).isNotNull();
        }
        assertThat(CallLog.afterMyHangup(call(CallState.MISSED, null), "bob", at).outcome())
                .as("already final").isEqualTo(CallOutcome.MISSED);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CallLog.afterMyHangup(call(CallState.RINGING, null), "eve", at));
    }

    @Test
    void outcomesAreExactlyTheFinalCallStates() {
        assertThat(Arrays.stream(CallOutcome.values()).map(CallOutcome::state))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(CallState.values()).filter(CallState::isFinal)
                        .toList());
        for (CallOutcome outcome : CallOutcome.values()) {
            assertThat(CallOutcome.of(outcome.state())).isEqualTo(outcome);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> CallOutcome.of(CallState.RINGING));
        assertThatIllegalArgumentException().isThrownBy(() -> CallOutcome.of(CallState.ACCEPTED));
    }
}
