package com.waltalk.desktop.ui.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.session.CallOutcome;
import com.waltalk.desktop.session.CallPhase;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.session.MediaSwitches;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallDescriptionsTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    private static CallView ended(boolean outgoing, CallOutcome outcome, boolean byMe, long talkedSeconds) {
        Instant answered = outcome == CallOutcome.ENDED ? T.plusSeconds(5) : null;
        Instant end = answered == null ? T.plusSeconds(5) : answered.plusSeconds(talkedSeconds);
        return new CallView(1, "bob", outgoing, CallPhase.ENDED, outcome, byMe, T, answered, end,
                MediaSwitches.ALL_ON);
    }

    @Test
    void eachOutcomeReadsPlainly() {
        assertThat(CallDescriptions.detail(ended(true, CallOutcome.ENDED, true, 247))).isEqualTo("Outgoing · 4:07");
        assertThat(CallDescriptions.detail(ended(false, CallOutcome.ENDED, false, 3))).isEqualTo("Incoming · 0:03");
        assertThat(CallDescriptions.detail(ended(false, CallOutcome.MISSED, false, 0))).isEqualTo("Missed call");
        assertThat(CallDescriptions.detail(ended(true, CallOutcome.MISSED, false, 0))).isEqualTo("No answer");
        assertThat(CallDescriptions.detail(ended(true, CallOutcome.DECLINED, false, 0))).isEqualTo("Declined");
        assertThat(CallDescriptions.detail(ended(true, CallOutcome.BUSY, false, 0))).isEqualTo("Busy");
        assertThat(CallDescriptions.detail(ended(false, CallOutcome.CANCELLED, false, 0))).isEqualTo("Missed call");
    }

    @Test
    void missedForMeAreTheIncomingOnesNobodyAnswered() {
        assertThat(CallDescriptions.missedByMe(ended(false, CallOutcome.MISSED, false, 0))).isTrue();
        assertThat(CallDescriptions.missedByMe(ended(false, CallOutcome.CANCELLED, false, 0))).isTrue();
        assertThat(CallDescriptions.missedByMe(ended(false, CallOutcome.DECLINED, true, 0))).isFalse();
        assertThat(CallDescriptions.missedByMe(ended(true, CallOutcome.MISSED, false, 0))).isFalse();
    }

    @Test
    void noticesForCallsThatDidNotHappen() {
        assertThat(CallDescriptions.outcomeNotice(ended(true, CallOutcome.BUSY, false, 0))).isEqualTo("bob is busy in another call.");
        assertThat(CallDescriptions.outcomeNotice(ended(true, CallOutcome.DECLINED, false, 0))).isEqualTo("bob declined the call.");
        assertThat(CallDescriptions.outcomeNotice(ended(true, CallOutcome.CANCELLED, true, 0))).isNull();
        assertThat(CallDescriptions.outcomeNotice(ended(true, CallOutcome.ENDED, true, 10))).isNull();
        assertThat(CallDescriptions.outcomeNotice(ended(true, CallOutcome.ENDED, false, 10))).isEqualTo("bob ended the call.");
    }
}
