package com.waltalk.desktop.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One call from the local user's point of view: the current call and every call history entry.
 *
 * <p>Times are the relay's clock.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param callId     the relay's call id
 * @param peer       the other party
 * @param outgoing   {@code true} if I called, {@code false} if the peer called me
 * @param phase      ringing (outgoing/incoming), in call, or ended
 * @param outcome    how it ended, or {@code null} unless {@code phase == ENDED}
 * @param endedByMe  {@code true} if my action (or my disconnection) ended it; {@code false} otherwise
 *                   (also for {@code MISSED} and {@code BUSY}, which nobody ends)
 * @param createdAt  when it was started
 * @param answeredAt when it was accepted, or {@code null}
 * @param endedAt    when it became final, or {@code null}
 * @param peerMedia  the peer's camera/microphone switches as the relay last reported them
 */
public record CallView(long callId, String peer, boolean outgoing, CallPhase phase, CallOutcome outcome,
                       boolean endedByMe, Instant createdAt, Instant answeredAt, Instant endedAt,
                       MediaSwitches peerMedia) {

    public CallView {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(peerMedia, "peerMedia");
        if ((phase == CallPhase.ENDED) != (outcome != null)) {
            throw new IllegalArgumentException("an outcome goes with phase ENDED only: " + phase + "/" + outcome);
        }
    }

    public boolean ended() {
        return phase == CallPhase.ENDED;
    }

    public boolean ringing() {
        return phase == CallPhase.OUTGOING_RINGING || phase == CallPhase.INCOMING_RINGING;
    }
}
