package com.waltalk.desktop.ui.contacts;

import com.waltalk.desktop.session.CallOutcome;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.ui.common.Formats;
import java.time.Duration;

/** How a call history entry is described in words. Stateless. */
public final class CallDescriptions {

    private CallDescriptions() {
    }

    /** Whether an entry counts as a missed call for me (shown in red). */
    public static boolean missedByMe(CallView c) {
        if (c.outgoing() || !c.ended()) {
            return false;
        }
        return c.outcome() == CallOutcome.MISSED || c.outcome() == CallOutcome.CANCELLED
                || c.outcome() == CallOutcome.BUSY;
    }

    /** "Outgoing · 4:07", "Missed call", "Declined", "No answer"... */
    public static String detail(CallView c) {
        String direction = c.outgoing() ? "Outgoing" : "Incoming";
        if (!c.ended()) {
            return c.ringing() ? direction + " · ringing" : direction + " · in progress";
        }
        return switch (c.outcome()) {
            case ENDED -> direction + " · " + Formats.duration(duration(c));
            case MISSED -> c.outgoing() ? "No answer" : "Missed call";
            case CANCELLED -> c.outgoing() ? "Cancelled" : "Missed call";
            case DECLINED -> c.outgoing() ? "Declined" : "You declined";
            case BUSY -> c.outgoing() ? "Busy" : "Missed call (you were in a call)";
        };
    }

    /** How long the call was answered for (zero if never). */
    public static Duration duration(CallView c) {
        if (c.answeredAt() == null) {
            return Duration.ZERO;
        }
        var end = c.endedAt() == null ? java.time.Instant.now() : c.endedAt();
        return Duration.between(c.answeredAt(), end);
    }

    /** A plain sentence for a call that just ended without being answered, or null if it needs none. */
    public static String outcomeNotice(CallView c) {
        if (!c.ended()) {
            return null;
        }
        String p = c.peer();
        return switch (c.outcome()) {
            case BUSY -> c.outgoing() ? p + " is busy in another call." : null;
            case DECLINED -> c.outgoing() ? p + " declined the call." : null;
            case MISSED -> c.outgoing() ? p + " did not answer." : "Missed call from " + p + ".";
            case CANCELLED -> c.outgoing() ? null : "Missed call from " + p + ".";
            case ENDED -> c.endedByMe() ? null : p + " ended the call.";
        };
    }
}
